import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHECK_BEFORE =
  "(`item_type` IN ('course', 'gift') AND `course_id` IS NOT NULL AND `plan_id` IS NULL) OR (`item_type` = 'membership' AND `plan_id` IS NOT NULL AND `course_id` IS NULL)";
const CHECK_AFTER =
  "(`item_type` IN ('course', 'gift') AND `course_id` IS NOT NULL AND `plan_id` IS NULL AND `question_id` IS NULL) OR (`item_type` = 'membership' AND `plan_id` IS NOT NULL AND `course_id` IS NULL AND `question_id` IS NULL) OR (`item_type` IN ('question', 'unlock') AND `course_id` IS NOT NULL AND `question_id` IS NOT NULL AND `plan_id` IS NULL)";
const OPEN_KEY_BEFORE =
  "IF(`status` = 'PENDING', CONCAT(`user_id`, ':', CASE `item_type` WHEN 'course' THEN `course_id` WHEN 'gift' THEN CONCAT('gift', `course_id`) ELSE CONCAT('plan', `plan_id`) END), NULL)";
const OPEN_KEY_AFTER =
  "IF(`status` = 'PENDING', CONCAT(`user_id`, ':', CASE `item_type` WHEN 'course' THEN `course_id` WHEN 'gift' THEN CONCAT('gift', `course_id`) WHEN 'question' THEN CONCAT('q', `question_id`) WHEN 'unlock' THEN CONCAT('u', `question_id`) ELSE CONCAT('plan', `plan_id`) END), NULL)";

/**
 * Paid questions: a creator's per-course settings (on/off, price, unlock price, days to answer), the
 * questions learners pay to ask, the unlocks of public answers, and how each unlock's price is split
 * between the creator and the asker. Orders gain two item types, `question` (paying for a question)
 * and `unlock` (paying to read a public answer), both naming the course and the question
 * (`orders.question_id`); one open order per learner and question of each type.
 */
export class PaidQuestions1764250000000 implements MigrationInterface {
  name = 'PaidQuestions1764250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `paid_question_settings` (`course_id` int UNSIGNED NOT NULL, `enabled` tinyint NOT NULL DEFAULT 0, `price_fen` int UNSIGNED NOT NULL, `unlock_price_fen` int UNSIGNED NOT NULL, `answer_days` tinyint UNSIGNED NOT NULL, `updated_at` datetime(3) NOT NULL, PRIMARY KEY (`course_id`), CONSTRAINT `ck_paid_question_settings_days` CHECK (`answer_days` BETWEEN 1 AND 14), CONSTRAINT `ck_paid_question_settings_unlock` CHECK (`unlock_price_fen` >= 1 AND `unlock_price_fen` <= `price_fen`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `paid_question_settings` ADD CONSTRAINT `fk_paid_question_settings_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query(
      "CREATE TABLE `paid_questions` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `course_id` int UNSIGNED NOT NULL, `user_id` int UNSIGNED NOT NULL, `text` varchar(1000) NOT NULL, `price_fen` int UNSIGNED NOT NULL, `answer_days` tinyint UNSIGNED NOT NULL, `allow_public` tinyint NOT NULL DEFAULT 0, `is_public` tinyint NOT NULL DEFAULT 0, `status` enum ('AWAITING_PAYMENT', 'OPEN', 'ANSWERED', 'EXPIRED', 'REFUNDED') NOT NULL DEFAULT 'AWAITING_PAYMENT', `answer` text NULL, `answered_by` int UNSIGNED NULL, `answered_at` datetime(3) NULL, `paid_at` datetime(3) NULL, `answer_due_at` datetime(3) NULL, `closed_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL, INDEX `ix_paid_questions_status_due` (`status`, `answer_due_at`), INDEX `ix_paid_questions_course_status` (`course_id`, `status`, `answered_at`), INDEX `ix_paid_questions_user_created` (`user_id`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query('ALTER TABLE `paid_questions` ADD CONSTRAINT `fk_paid_questions_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `paid_questions` ADD CONSTRAINT `fk_paid_questions_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `paid_questions` ADD CONSTRAINT `fk_paid_questions_answerer` FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION');

    await q.query("ALTER TABLE `orders` MODIFY `item_type` enum ('course', 'membership', 'gift', 'question', 'unlock') NOT NULL DEFAULT 'course', ADD `question_id` int UNSIGNED NULL");
    await q.query('ALTER TABLE `orders` ADD CONSTRAINT `fk_orders_question` FOREIGN KEY (`question_id`) REFERENCES `paid_questions`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');
    await q.query('CREATE INDEX `ix_orders_question_status` ON `orders` (`question_id`, `status`)');
    await q.query('ALTER TABLE `orders` DROP CONSTRAINT `ck_orders_item`');
    await q.query(`ALTER TABLE \`orders\` ADD CONSTRAINT \`ck_orders_item\` CHECK (${CHECK_AFTER})`);
    await q.query('DROP INDEX `uq_orders_open_key` ON `orders`');
    await q.query(`ALTER TABLE \`orders\` MODIFY \`open_key\` varchar(32) AS (${OPEN_KEY_AFTER}) PERSISTENT`);
    await q.query('CREATE UNIQUE INDEX `uq_orders_open_key` ON `orders` (`open_key`)');

    await q.query(
      'CREATE TABLE `question_unlocks` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `question_id` int UNSIGNED NOT NULL, `user_id` int UNSIGNED NOT NULL, `order_id` int UNSIGNED NOT NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_question_unlocks_user` (`question_id`, `user_id`), UNIQUE INDEX `uq_question_unlocks_order` (`order_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `question_unlocks` ADD CONSTRAINT `fk_question_unlocks_question` FOREIGN KEY (`question_id`) REFERENCES `paid_questions`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `question_unlocks` ADD CONSTRAINT `fk_question_unlocks_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `question_unlocks` ADD CONSTRAINT `fk_question_unlocks_order` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query(
      'CREATE TABLE `unlock_splits` (`order_id` int UNSIGNED NOT NULL, `question_id` int UNSIGNED NOT NULL, `creator_id` int UNSIGNED NOT NULL, `asker_id` int UNSIGNED NOT NULL, `price_fen` int UNSIGNED NOT NULL, `creator_fen` int UNSIGNED NOT NULL, `asker_fen` int UNSIGNED NOT NULL, `recorded_at` datetime(3) NOT NULL, `reversed_at` datetime(3) NULL, INDEX `ix_unlock_splits_asker` (`asker_id`, `recorded_at`), INDEX `ix_unlock_splits_creator` (`creator_id`, `recorded_at`), PRIMARY KEY (`order_id`), CONSTRAINT `ck_unlock_splits_sum` CHECK (`creator_fen` + `asker_fen` = `price_fen`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `unlock_splits` ADD CONSTRAINT `fk_unlock_splits_order` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `unlock_splits`');
    await q.query('DROP TABLE `question_unlocks`');
    await q.query("DELETE r FROM `refunds` r JOIN `orders` o ON o.id = r.order_id WHERE o.item_type IN ('question', 'unlock')");
    await q.query("DELETE FROM `orders` WHERE `item_type` IN ('question', 'unlock')");
    await q.query('DROP INDEX `uq_orders_open_key` ON `orders`');
    await q.query(`ALTER TABLE \`orders\` MODIFY \`open_key\` varchar(32) AS (${OPEN_KEY_BEFORE}) PERSISTENT`);
    await q.query('CREATE UNIQUE INDEX `uq_orders_open_key` ON `orders` (`open_key`)');
    await q.query('ALTER TABLE `orders` DROP CONSTRAINT `ck_orders_item`');
    await q.query(`ALTER TABLE \`orders\` ADD CONSTRAINT \`ck_orders_item\` CHECK (${CHECK_BEFORE})`);
    await q.query('ALTER TABLE `orders` DROP FOREIGN KEY `fk_orders_question`');
    await q.query('DROP INDEX `ix_orders_question_status` ON `orders`');
    await q.query("ALTER TABLE `orders` DROP COLUMN `question_id`, MODIFY `item_type` enum ('course', 'membership', 'gift') NOT NULL DEFAULT 'course'");
    await q.query('DROP TABLE `paid_questions`');
    await q.query('DROP TABLE `paid_question_settings`');
  }
}
