/**
 * Question types are defined in code, one file each, registered in one list
 * (src/modules/surveys/question-types/index.ts): adding a type must not need a migration. The list of
 * names in question.type's CHECK goes; a check that the value looks like a type's name stays, so
 * nothing but a plain name can be stored. The builder stores only registered names.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE question DROP CONSTRAINT question_type_check`.execute(db);
  await sql`ALTER TABLE question ADD CONSTRAINT question_type_check CHECK (type ~ '^[a-z][a-z0-9_]{1,39}$')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE question DROP CONSTRAINT question_type_check`.execute(db);
  await sql`ALTER TABLE question ADD CONSTRAINT question_type_check CHECK (type IN ('single_choice', 'multiple_choice', 'smiley_scale', 'yes_no_not_sure',
    'free_text', 'number', 'date', 'rating', 'ranking', 'card_sort', 'picture_choice'))`.execute(db);
}
