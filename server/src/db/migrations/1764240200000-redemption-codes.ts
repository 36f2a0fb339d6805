import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Redemption codes: single-use codes a creator generates for a course (offline sales); redeeming one
 * enrolls the learner (enrollment source `code`). `redeemed_by` set means used; the redemption locks the
 * row, so a code is used once however many try it at the same moment.
 */
export class RedemptionCodes1764240200000 implements MigrationInterface {
  name = 'RedemptionCodes1764240200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `redemption_codes` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `code` varchar(16) NOT NULL, `course_id` int UNSIGNED NOT NULL, `created_by` int UNSIGNED NOT NULL, `redeemed_by` int UNSIGNED NULL, `redeemed_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_redemption_codes_code` (`code`), INDEX `ix_redemption_codes_course` (`course_id`, `id`), INDEX `ix_redemption_codes_redeemer` (`redeemed_by`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `redemption_codes` ADD CONSTRAINT `fk_redemption_codes_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `redemption_codes` ADD CONSTRAINT `fk_redemption_codes_creator` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `redemption_codes` ADD CONSTRAINT `fk_redemption_codes_redeemer` FOREIGN KEY (`redeemed_by`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION');
    await q.query("ALTER TABLE `enrollments` MODIFY `source` enum ('purchase', 'free', 'grant', 'code') NOT NULL");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("UPDATE `enrollments` SET `source` = 'grant' WHERE `source` = 'code'");
    await q.query("ALTER TABLE `enrollments` MODIFY `source` enum ('purchase', 'free', 'grant') NOT NULL");
    await q.query('ALTER TABLE `redemption_codes` DROP FOREIGN KEY `fk_redemption_codes_redeemer`');
    await q.query('ALTER TABLE `redemption_codes` DROP FOREIGN KEY `fk_redemption_codes_creator`');
    await q.query('ALTER TABLE `redemption_codes` DROP FOREIGN KEY `fk_redemption_codes_course`');
    await q.query('DROP TABLE `redemption_codes`');
  }
}
