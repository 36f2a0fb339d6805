import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments: order pricing (list price, discount, coupon), coupons and their redemptions, refunds.
 * `open_key` exists only while an order is PENDING, so its unique index allows one open order per
 * learner and course however many requests race to create it.
 */
export class Payments1764180000000 implements MigrationInterface {
  name = 'Payments1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE `coupons` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `creator_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NULL, `code` varchar(32) NOT NULL, `kind` enum ('PERCENT', 'FIXED') NOT NULL, `value` int UNSIGNED NOT NULL, `starts_at` datetime(3) NOT NULL, `ends_at` datetime(3) NOT NULL, `total_limit` int UNSIGNED NOT NULL, `per_user_limit` int UNSIGNED NOT NULL DEFAULT '1', `redeemed_count` int UNSIGNED NOT NULL DEFAULT '0', `disabled_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_coupons_code` (`code`), INDEX `ix_coupons_creator` (`creator_id`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `coupon_redemptions` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `coupon_id` int UNSIGNED NOT NULL, `user_id` int UNSIGNED NOT NULL, `order_id` int UNSIGNED NOT NULL, `status` enum ('ACTIVE', 'RELEASED') NOT NULL DEFAULT 'ACTIVE', `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_redemptions_order` (`order_id`), INDEX `ix_redemptions_coupon_user` (`coupon_id`, `user_id`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `refunds` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `order_id` int UNSIGNED NOT NULL, `user_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `amount_fen` int UNSIGNED NOT NULL, `status` enum ('REQUESTED', 'PROCESSING', 'SUCCEEDED', 'REJECTED', 'FAILED') NOT NULL DEFAULT 'REQUESTED', `reason` varchar(200) NOT NULL, `out_refund_no` varchar(64) NOT NULL, `wechat_refund_id` varchar(64) NULL, `decided_by` int UNSIGNED NULL, `decision_note` varchar(200) NULL, `failure_reason` varchar(200) NULL, `requested_at` datetime(3) NOT NULL, `decided_at` datetime(3) NULL, `completed_at` datetime(3) NULL, UNIQUE INDEX `uq_refunds_order` (`order_id`), UNIQUE INDEX `uq_refunds_out_refund_no` (`out_refund_no`), INDEX `ix_refunds_status_requested` (`status`, `requested_at`), INDEX `ix_refunds_course_status` (`course_id`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("ALTER TABLE `orders` ADD `list_price_fen` int UNSIGNED NOT NULL DEFAULT '0'");
    await q.query("ALTER TABLE `orders` ADD `discount_fen` int UNSIGNED NOT NULL DEFAULT '0'");
    await q.query("ALTER TABLE `orders` ADD `coupon_id` int UNSIGNED NULL");
    await q.query("ALTER TABLE `orders` ADD `closed_at` datetime(3) NULL");
    await q.query("UPDATE `orders` SET `list_price_fen` = `amount_fen`");
    await q.query("ALTER TABLE `orders` ALTER `list_price_fen` DROP DEFAULT");
    await q.query("ALTER TABLE `orders` ADD `open_key` varchar(32) AS (IF(`status` = 'PENDING', CONCAT(`user_id`, ':', `course_id`), NULL)) PERSISTENT");
    await q.query("CREATE UNIQUE INDEX `uq_orders_open_key` ON `orders` (`open_key`)");
    await q.query("ALTER TABLE `orders` ADD CONSTRAINT `ck_orders_discount` CHECK (`amount_fen` + `discount_fen` = `list_price_fen`)");
    await q.query("ALTER TABLE `coupons` ADD CONSTRAINT `ck_coupons_window` CHECK (`starts_at` < `ends_at`)");
    await q.query("ALTER TABLE `coupons` ADD CONSTRAINT `ck_coupons_value` CHECK (`kind` = 'FIXED' OR `value` BETWEEN 1 AND 100)");
    await q.query("ALTER TABLE `coupons` ADD CONSTRAINT `fk_coupons_creator` FOREIGN KEY (`creator_id`) REFERENCES `users`(`id`) ON DELETE CASCADE");
    await q.query("ALTER TABLE `coupon_redemptions` ADD CONSTRAINT `fk_redemptions_coupon` FOREIGN KEY (`coupon_id`) REFERENCES `coupons`(`id`) ON DELETE RESTRICT");
    await q.query("ALTER TABLE `coupon_redemptions` ADD CONSTRAINT `fk_redemptions_order` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE RESTRICT");
    await q.query("ALTER TABLE `refunds` ADD CONSTRAINT `fk_refunds_order` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE RESTRICT");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE `refunds` DROP FOREIGN KEY `fk_refunds_order`");
    await q.query("ALTER TABLE `coupon_redemptions` DROP FOREIGN KEY `fk_redemptions_order`");
    await q.query("ALTER TABLE `coupon_redemptions` DROP FOREIGN KEY `fk_redemptions_coupon`");
    await q.query("ALTER TABLE `coupons` DROP FOREIGN KEY `fk_coupons_creator`");
    await q.query("ALTER TABLE `orders` DROP CONSTRAINT `ck_orders_discount`");
    await q.query("DROP INDEX `uq_orders_open_key` ON `orders`");
    await q.query("ALTER TABLE `orders` DROP COLUMN `open_key`");
    await q.query("ALTER TABLE `orders` DROP COLUMN `closed_at`");
    await q.query("ALTER TABLE `orders` DROP COLUMN `coupon_id`");
    await q.query("ALTER TABLE `orders` DROP COLUMN `discount_fen`");
    await q.query("ALTER TABLE `orders` DROP COLUMN `list_price_fen`");
    await q.query("DROP INDEX `ix_refunds_course_status` ON `refunds`");
    await q.query("DROP INDEX `ix_refunds_status_requested` ON `refunds`");
    await q.query("DROP INDEX `uq_refunds_out_refund_no` ON `refunds`");
    await q.query("DROP INDEX `uq_refunds_order` ON `refunds`");
    await q.query("DROP TABLE `refunds`");
    await q.query("DROP INDEX `ix_redemptions_coupon_user` ON `coupon_redemptions`");
    await q.query("DROP INDEX `uq_redemptions_order` ON `coupon_redemptions`");
    await q.query("DROP TABLE `coupon_redemptions`");
    await q.query("DROP INDEX `ix_coupons_creator` ON `coupons`");
    await q.query("DROP INDEX `uq_coupons_code` ON `coupons`");
    await q.query("DROP TABLE `coupons`");
  }
}
