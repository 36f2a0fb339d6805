import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Memberships: a creator's plans and the learners who hold them.
 * - `membership_plans`: a creator's offer (monthly, yearly or lifetime; a price; either every course
 *   of the creator or the courses listed in `membership_plan_courses`; trial days).
 * - `memberships`: one row per learner and plan, ever. `ends_at` is NULL for a lifetime plan; a renewal
 *   moves it on from the later of now and the current end; a refund sets the status to REVOKED.
 *   `reminded_for` holds the `ends_at` the "about to expire" reminder went out for, so it goes once per term.
 */
export class Memberships1764240000000 implements MigrationInterface {
  name = 'Memberships1764240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `membership_plans` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `creator_id` int UNSIGNED NOT NULL, `name` varchar(60) NOT NULL, `period` enum ('MONTHLY', 'YEARLY', 'LIFETIME') NOT NULL, `price_fen` int UNSIGNED NOT NULL, `all_courses` tinyint NOT NULL DEFAULT 0, `trial_days` smallint UNSIGNED NOT NULL DEFAULT 0, `status` enum ('ACTIVE', 'RETIRED') NOT NULL DEFAULT 'ACTIVE', `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_membership_plans_creator` (`creator_id`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query('ALTER TABLE `membership_plans` ADD CONSTRAINT `fk_membership_plans_creator` FOREIGN KEY (`creator_id`) REFERENCES `users`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');

    await q.query(
      'CREATE TABLE `membership_plan_courses` (`plan_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, INDEX `ix_membership_plan_courses_course` (`course_id`), PRIMARY KEY (`plan_id`, `course_id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `membership_plan_courses` ADD CONSTRAINT `fk_membership_plan_courses_plan` FOREIGN KEY (`plan_id`) REFERENCES `membership_plans`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `membership_plan_courses` ADD CONSTRAINT `fk_membership_plan_courses_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');

    await q.query(
      "CREATE TABLE `memberships` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `user_id` int UNSIGNED NOT NULL, `plan_id` int UNSIGNED NOT NULL, `status` enum ('ACTIVE', 'REVOKED') NOT NULL DEFAULT 'ACTIVE', `starts_at` datetime(3) NOT NULL, `ends_at` datetime(3) NULL, `last_order_id` int UNSIGNED NULL, `reminded_for` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_memberships_user_plan` (`user_id`, `plan_id`), INDEX `ix_memberships_plan` (`plan_id`), INDEX `ix_memberships_status_ends` (`status`, `ends_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query('ALTER TABLE `memberships` ADD CONSTRAINT `fk_memberships_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `memberships` ADD CONSTRAINT `fk_memberships_plan` FOREIGN KEY (`plan_id`) REFERENCES `membership_plans`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `memberships` DROP FOREIGN KEY `fk_memberships_plan`');
    await q.query('ALTER TABLE `memberships` DROP FOREIGN KEY `fk_memberships_user`');
    await q.query('DROP TABLE `memberships`');
    await q.query('ALTER TABLE `membership_plan_courses` DROP FOREIGN KEY `fk_membership_plan_courses_course`');
    await q.query('ALTER TABLE `membership_plan_courses` DROP FOREIGN KEY `fk_membership_plan_courses_plan`');
    await q.query('DROP TABLE `membership_plan_courses`');
    await q.query('ALTER TABLE `membership_plans` DROP FOREIGN KEY `fk_membership_plans_creator`');
    await q.query('DROP TABLE `membership_plans`');
  }
}
