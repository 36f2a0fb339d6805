import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gifts: an order of `item_type` `gift` buys a course for someone else. Paying it issues a single-use
 * redemption code to the buyer (`redemption_codes.gift_order_id`, unique: one code per gift order);
 * whoever redeems it is enrolled. A learner has one open gift order per course, apart from their own
 * order of that course.
 */
export class GiftOrders1764240300000 implements MigrationInterface {
  name = 'GiftOrders1764240300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE `orders` MODIFY `item_type` enum ('course', 'membership', 'gift') NOT NULL DEFAULT 'course'");
    await q.query('ALTER TABLE `orders` DROP CONSTRAINT `ck_orders_item`');
    await q.query(
      "ALTER TABLE `orders` ADD CONSTRAINT `ck_orders_item` CHECK ((`item_type` IN ('course', 'gift') AND `course_id` IS NOT NULL AND `plan_id` IS NULL) OR (`item_type` = 'membership' AND `plan_id` IS NOT NULL AND `course_id` IS NULL))",
    );
    await q.query('DROP INDEX `uq_orders_open_key` ON `orders`');
    await q.query(
      "ALTER TABLE `orders` MODIFY `open_key` varchar(32) AS (IF(`status` = 'PENDING', CONCAT(`user_id`, ':', CASE `item_type` WHEN 'course' THEN `course_id` WHEN 'gift' THEN CONCAT('gift', `course_id`) ELSE CONCAT('plan', `plan_id`) END), NULL)) PERSISTENT",
    );
    await q.query('CREATE UNIQUE INDEX `uq_orders_open_key` ON `orders` (`open_key`)');
    await q.query('ALTER TABLE `redemption_codes` ADD `gift_order_id` int UNSIGNED NULL, ADD UNIQUE INDEX `uq_redemption_codes_gift_order` (`gift_order_id`)');
    await q.query('ALTER TABLE `redemption_codes` ADD CONSTRAINT `fk_redemption_codes_gift_order` FOREIGN KEY (`gift_order_id`) REFERENCES `orders`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `redemption_codes` DROP FOREIGN KEY `fk_redemption_codes_gift_order`');
    await q.query('ALTER TABLE `redemption_codes` DROP INDEX `uq_redemption_codes_gift_order`, DROP COLUMN `gift_order_id`');
    await q.query("DELETE r FROM `refunds` r JOIN `orders` o ON o.id = r.order_id WHERE o.item_type = 'gift'");
    await q.query("DELETE FROM `orders` WHERE `item_type` = 'gift'");
    await q.query('DROP INDEX `uq_orders_open_key` ON `orders`');
    await q.query(
      "ALTER TABLE `orders` MODIFY `open_key` varchar(32) AS (IF(`status` = 'PENDING', CONCAT(`user_id`, ':', IF(`item_type` = 'course', `course_id`, CONCAT('plan', `plan_id`))), NULL)) PERSISTENT",
    );
    await q.query('CREATE UNIQUE INDEX `uq_orders_open_key` ON `orders` (`open_key`)');
    await q.query('ALTER TABLE `orders` DROP CONSTRAINT `ck_orders_item`');
    await q.query(
      "ALTER TABLE `orders` ADD CONSTRAINT `ck_orders_item` CHECK ((`item_type` = 'course' AND `course_id` IS NOT NULL AND `plan_id` IS NULL) OR (`item_type` = 'membership' AND `plan_id` IS NOT NULL AND `course_id` IS NULL))",
    );
    await q.query("ALTER TABLE `orders` MODIFY `item_type` enum ('course', 'membership') NOT NULL DEFAULT 'course'");
  }
}
