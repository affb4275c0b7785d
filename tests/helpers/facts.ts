/**
 * Facts written by hand into a test database — the rows the collectors store — with defaults for
 * what a test does not look at.
 */
import type { Db } from '../../db/index';
import { comments, identities, items } from '../../db/schema';

/** An identity row (a commit author or a forge account); its id. */
export function addIdentity(db: Db, values: typeof identities.$inferInsert): number {
  return db.insert(identities).values(values).returning({ id: identities.id }).get().id;
}

/** An issue or pull request, open, titled by its number; updated when created. */
export function addItem(
  db: Db,
  values: Pick<typeof items.$inferInsert, 'repositoryId' | 'kind' | 'number' | 'authorIdentityId' | 'createdAt'> &
    Partial<typeof items.$inferInsert>
): void {
  db.insert(items)
    .values({ forgeItemId: `i${values.number}`, title: `Eintrag ${values.number}`, state: 'open', updatedAt: values.createdAt, ...values })
    .run();
}

/** A comment, review or note on an item; its forge id made of its kind and time. */
export function addComment(
  db: Db,
  values: Pick<typeof comments.$inferInsert, 'repositoryId' | 'kind' | 'itemKind' | 'itemNumber' | 'authorIdentityId' | 'createdAt'> &
    Partial<typeof comments.$inferInsert>
): void {
  db.insert(comments)
    .values({ forgeCommentId: `${values.kind}-${values.createdAt}`, ...values })
    .run();
}
