-- The search's index (jobs/store/project-search.ts): per project its name, id, owner's name and its
-- repositories' paths and descriptions, as trigrams, so that a substring is found without reading every
-- project; case and accents aside („mangel“ finds „Mängelmelder“). Filled by the catalog store and derive.
CREATE VIRTUAL TABLE `project_search` USING fts5(
	`project_id` UNINDEXED, `name`, `id`, `owner`, `repositories`,
	tokenize = 'trigram remove_diacritics 1'
);
