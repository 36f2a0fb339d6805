import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Live sessions of courses, their Q&A rooms' questions, and one upvote per learner and question. */
export class Live1764233000000 implements MigrationInterface {
  name = 'Live1764233000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `live_sessions` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `course_id` int UNSIGNED NOT NULL, `title` varchar(100) NOT NULL, `starts_at` datetime(3) NOT NULL, `duration_min` smallint UNSIGNED NOT NULL, `weapp_room_id` varchar(64) NULL, `hls_url` varchar(500) NULL, `recording_lesson_id` int UNSIGNED NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_live_sessions_course_starts` (`course_id`, `starts_at`), INDEX `ix_live_sessions_starts` (`starts_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query(
      "CREATE TABLE `live_questions` (`id` bigint UNSIGNED NOT NULL AUTO_INCREMENT, `session_id` int UNSIGNED NOT NULL, `user_id` int UNSIGNED NOT NULL, `text` varchar(500) NOT NULL, `upvotes` int UNSIGNED NOT NULL DEFAULT '0', `answered_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL, INDEX `ix_live_questions_session` (`session_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      'CREATE TABLE `live_question_votes` (`question_id` bigint UNSIGNED NOT NULL, `user_id` int UNSIGNED NOT NULL, PRIMARY KEY (`question_id`, `user_id`)) ENGINE=InnoDB',
    );
    for (const [table, column, target, name] of FOREIGN_KEYS) {
      await q.query(`ALTER TABLE \`${table}\` ADD CONSTRAINT \`${name}\` FOREIGN KEY (\`${column}\`) REFERENCES \`${target}\`(\`id\`) ON DELETE CASCADE`);
    }
    // Deleting the recording's lesson leaves the session without one, not gone.
    await q.query('ALTER TABLE `live_sessions` ADD CONSTRAINT `fk_live_sessions_recording` FOREIGN KEY (`recording_lesson_id`) REFERENCES `lessons`(`id`) ON DELETE SET NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `live_sessions` DROP FOREIGN KEY `fk_live_sessions_recording`');
    for (const [table, , , name] of [...FOREIGN_KEYS].reverse()) await q.query(`ALTER TABLE \`${table}\` DROP FOREIGN KEY \`${name}\``);
    await q.query('DROP TABLE `live_question_votes`');
    await q.query('DROP TABLE `live_questions`');
    await q.query('DROP TABLE `live_sessions`');
  }
}

const FOREIGN_KEYS: ReadonlyArray<readonly [table: string, column: string, target: string, name: string]> = [
  ['live_sessions', 'course_id', 'courses', 'fk_live_sessions_course'],
  ['live_questions', 'session_id', 'live_sessions', 'fk_live_questions_session'],
  ['live_questions', 'user_id', 'users', 'fk_live_questions_user'],
  ['live_question_votes', 'question_id', 'live_questions', 'fk_live_question_votes_question'],
  ['live_question_votes', 'user_id', 'users', 'fk_live_question_votes_user'],
];
