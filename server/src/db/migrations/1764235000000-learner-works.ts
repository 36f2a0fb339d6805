import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Assignments of a course (or one of its lessons) and the works learners submit for them, with the creator's comment and feature review. */
export class LearnerWorks1764235000000 implements MigrationInterface {
  name = 'LearnerWorks1764235000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `assignments` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `course_id` int UNSIGNED NOT NULL, `lesson_id` int UNSIGNED NULL, `title` varchar(100) NOT NULL, `prompt` text NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_assignments_course` (`course_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `learner_works` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `assignment_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `user_id` int UNSIGNED NOT NULL, `text` text NOT NULL, `image_keys` json NOT NULL, `comment` text NULL, `commented_at` datetime(3) NULL, `feature_status` enum('NONE','IN_REVIEW','APPROVED','REJECTED') NOT NULL DEFAULT 'NONE', `review_note` varchar(500) NULL, `featured_at` datetime(3) NULL, `reviewed_at` datetime(3) NULL, `submitted_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_learner_works_assignment_user` (`assignment_id`, `user_id`), INDEX `ix_learner_works_course_feature` (`course_id`, `feature_status`), INDEX `ix_learner_works_user` (`user_id`), INDEX `ix_learner_works_feature` (`feature_status`, `featured_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    for (const [table, column, target, name] of FOREIGN_KEYS) {
      await q.query(`ALTER TABLE \`${table}\` ADD CONSTRAINT \`${name}\` FOREIGN KEY (\`${column}\`) REFERENCES \`${target}\`(\`id\`) ON DELETE CASCADE`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, , , name] of [...FOREIGN_KEYS].reverse()) await q.query(`ALTER TABLE \`${table}\` DROP FOREIGN KEY \`${name}\``);
    await q.query('DROP TABLE `learner_works`');
    await q.query('DROP TABLE `assignments`');
  }
}

const FOREIGN_KEYS: ReadonlyArray<readonly [table: string, column: string, target: string, name: string]> = [
  ['assignments', 'course_id', 'courses', 'fk_assignments_course'],
  ['assignments', 'lesson_id', 'lessons', 'fk_assignments_lesson'],
  ['learner_works', 'assignment_id', 'assignments', 'fk_learner_works_assignment'],
  ['learner_works', 'course_id', 'courses', 'fk_learner_works_course'],
  ['learner_works', 'user_id', 'users', 'fk_learner_works_user'],
];
