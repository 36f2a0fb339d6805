import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What learners do besides buying: where they are in each lesson (the player reports it), their study
 * sessions (for activity analytics) and the course pages they open (for conversion and recommendations).
 */
export class LearningSignals1764198000000 implements MigrationInterface {
  name = 'LearningSignals1764198000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `lesson_progress` (`id` bigint UNSIGNED NOT NULL AUTO_INCREMENT, `user_id` int UNSIGNED NOT NULL, `lesson_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `position_s` int UNSIGNED NOT NULL DEFAULT '0', `completed` tinyint NOT NULL DEFAULT 0, `completed_at` datetime(3) NULL, `studied_s` int UNSIGNED NOT NULL DEFAULT '0', `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_lesson_progress_user_lesson` (`user_id`, `lesson_id`), INDEX `ix_lesson_progress_user_course` (`user_id`, `course_id`), INDEX `ix_lesson_progress_course` (`course_id`), INDEX `ix_lesson_progress_lesson` (`lesson_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `study_sessions` (`id` bigint UNSIGNED NOT NULL AUTO_INCREMENT, `user_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `started_at` datetime(3) NOT NULL, `last_seen_at` datetime(3) NOT NULL, `studied_s` int UNSIGNED NOT NULL DEFAULT '0', INDEX `ix_study_sessions_user_started` (`user_id`, `started_at`), INDEX `ix_study_sessions_course_started` (`course_id`, `started_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      'CREATE TABLE `course_views` (`id` bigint UNSIGNED NOT NULL AUTO_INCREMENT, `course_id` int UNSIGNED NOT NULL, `user_id` int UNSIGNED NULL, `viewed_at` datetime(3) NOT NULL, INDEX `ix_course_views_course_viewed` (`course_id`, `viewed_at`), INDEX `ix_course_views_user_viewed` (`user_id`, `viewed_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    for (const [table, column, target] of FOREIGN_KEYS) {
      await q.query(`ALTER TABLE \`${table}\` ADD CONSTRAINT \`fk_${table}_${target.slice(0, -1)}\` FOREIGN KEY (\`${column}\`) REFERENCES \`${target}\`(\`id\`) ON DELETE CASCADE`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, , target] of [...FOREIGN_KEYS].reverse()) {
      await q.query(`ALTER TABLE \`${table}\` DROP FOREIGN KEY \`fk_${table}_${target.slice(0, -1)}\``);
    }
    await q.query('DROP TABLE `course_views`');
    await q.query('DROP TABLE `study_sessions`');
    await q.query('DROP TABLE `lesson_progress`');
  }
}

const FOREIGN_KEYS: ReadonlyArray<readonly [table: string, column: string, target: string]> = [
  ['lesson_progress', 'user_id', 'users'],
  ['lesson_progress', 'lesson_id', 'lessons'],
  ['lesson_progress', 'course_id', 'courses'],
  ['study_sessions', 'user_id', 'users'],
  ['study_sessions', 'course_id', 'courses'],
  ['course_views', 'course_id', 'courses'],
  ['course_views', 'user_id', 'users'],
];
