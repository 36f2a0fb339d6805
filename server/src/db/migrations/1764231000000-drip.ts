import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Drip release: per lesson, days after enrollment or a fixed date when it opens. */
export class Drip1764231000000 implements MigrationInterface {
  name = 'Drip1764231000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `lesson_releases` (`lesson_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `after_days` smallint UNSIGNED NULL, `opens_at` datetime(3) NULL, INDEX `ix_lesson_releases_course` (`course_id`), PRIMARY KEY (`lesson_id`), CONSTRAINT `ck_lesson_releases_one_rule` CHECK ((`after_days` IS NULL) <> (`opens_at` IS NULL))) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `lesson_releases` ADD CONSTRAINT `fk_lesson_releases_lesson` FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON DELETE CASCADE');
    await q.query('ALTER TABLE `lesson_releases` ADD CONSTRAINT `fk_lesson_releases_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `lesson_releases` DROP FOREIGN KEY `fk_lesson_releases_course`');
    await q.query('ALTER TABLE `lesson_releases` DROP FOREIGN KEY `fk_lesson_releases_lesson`');
    await q.query('DROP TABLE `lesson_releases`');
  }
}
