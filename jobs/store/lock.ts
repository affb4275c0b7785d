/**
 * A named lock in the database so that two processes never collect at once (DESIGN §2). It
 * survives a crashed process: a lock whose heartbeat is older than its ttl, or whose owner process
 * on this host is gone, is taken over.
 */
import { hostname } from 'node:os';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { locks } from '../../db/schema';

export class LockBusyError extends Error {
  constructor(readonly owner: string) {
    super(`Eine andere Sammlung läuft bereits (${owner}).`);
    this.name = 'LockBusyError';
  }
}

export interface HeldLock {
  release(): void;
}

const now = () => Math.floor(Date.now() / 1000);

function ownerAlive(owner: string): boolean {
  const [pid, host] = owner.split('@');
  if (host !== hostname()) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(db: Db, name: string, ttlSeconds = 120): HeldLock {
  const owner = `${process.pid}@${hostname()}`;
  db.transaction(
    (tx) => {
      const held = tx.select().from(locks).where(eq(locks.name, name)).get();
      if (held && held.owner !== owner && held.heartbeatAt + held.ttlSeconds > now() && ownerAlive(held.owner)) {
        throw new LockBusyError(held.owner);
      }
      const row = { name, owner, acquiredAt: now(), heartbeatAt: now(), ttlSeconds };
      tx.insert(locks).values(row).onConflictDoUpdate({ target: locks.name, set: row }).run();
    },
    { behavior: 'immediate' }
  );
  const timer = setInterval(
    () => {
      try {
        db.update(locks).set({ heartbeatAt: now() }).where(eq(locks.name, name)).run();
      } catch {
        // The next heartbeat tries again; a missed one only shortens the lock's life.
      }
    },
    (ttlSeconds * 1000) / 3
  );
  timer.unref();
  return {
    release() {
      clearInterval(timer);
      db.delete(locks)
        .where(and(eq(locks.name, name), eq(locks.owner, owner)))
        .run();
    }
  };
}
