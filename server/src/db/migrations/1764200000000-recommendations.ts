import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recommendations, written by the nightly recompute as one generation (a run) at a time: readers see
 * the newest finished run only, so a run that dies half-way is never visible. Rows are derived data,
 * rebuilt every night and bounded (top N per learner and course), so they carry no foreign keys: the
 * next run drops what points at deleted users or courses, and readers join the live tables.
 */
export class Recommendations1764200000000 implements MigrationInterface {
  name = 'Recommendations1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `recommendation_runs` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `status` enum ('RUNNING', 'DONE', 'ABANDONED') NOT NULL DEFAULT 'RUNNING', `started_at` datetime(3) NOT NULL, `finished_at` datetime(3) NULL, `learners` int UNSIGNED NOT NULL DEFAULT '0', `courses` int UNSIGNED NOT NULL DEFAULT '0', `interactions` int UNSIGNED NOT NULL DEFAULT '0', INDEX `ix_recommendation_runs_status` (`status`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      'CREATE TABLE `recommendations` (`generation` int UNSIGNED NOT NULL, `user_id` int UNSIGNED NOT NULL, `position` tinyint UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `score` float NOT NULL, PRIMARY KEY (`generation`, `user_id`, `position`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `related_courses` (`generation` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `position` tinyint UNSIGNED NOT NULL, `related_course_id` int UNSIGNED NOT NULL, `score` float NOT NULL, PRIMARY KEY (`generation`, `course_id`, `position`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `course_popularity` (`generation` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `score` double NOT NULL, INDEX `ix_course_popularity_score` (`generation`, `score`), PRIMARY KEY (`generation`, `course_id`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX `ix_course_popularity_score` ON `course_popularity`');
    await q.query('DROP TABLE `course_popularity`');
    await q.query('DROP TABLE `related_courses`');
    await q.query('DROP TABLE `recommendations`');
    await q.query('DROP INDEX `ix_recommendation_runs_status` ON `recommendation_runs`');
    await q.query('DROP TABLE `recommendation_runs`');
  }
}
