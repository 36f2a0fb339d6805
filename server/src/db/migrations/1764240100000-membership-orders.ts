import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders for membership plans: an order buys one item, a course (`course_id`) or a plan (`plan_id`),
 * named by `item_type`; a CHECK keeps exactly the matching id set. Refunds of a plan order have no
 * course. The open-order key now names the item, so a learner has one open order per course and per plan.
 */
export class MembershipOrders1764240100000 implements MigrationInterface {
  name = 'MembershipOrders1764240100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE `orders` ADD `item_type` enum ('course', 'membership') NOT NULL DEFAULT 'course', ADD `plan_id` int UNSIGNED NULL, MODIFY `course_id` int UNSIGNED NULL");
    await q.query('ALTER TABLE `orders` ADD CONSTRAINT `fk_orders_plan` FOREIGN KEY (`plan_id`) REFERENCES `membership_plans`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');
    await q.query('CREATE INDEX `ix_orders_plan_status` ON `orders` (`plan_id`, `status`)');
    await q.query(
      "ALTER TABLE `orders` ADD CONSTRAINT `ck_orders_item` CHECK ((`item_type` = 'course' AND `course_id` IS NOT NULL AND `plan_id` IS NULL) OR (`item_type` = 'membership' AND `plan_id` IS NOT NULL AND `course_id` IS NULL))",
    );
    await q.query('DROP INDEX `uq_orders_open_key` ON `orders`');
    await q.query(
      "ALTER TABLE `orders` MODIFY `open_key` varchar(32) AS (IF(`status` = 'PENDING', CONCAT(`user_id`, ':', IF(`item_type` = 'course', `course_id`, CONCAT('plan', `plan_id`))), NULL)) PERSISTENT",
    );
    await q.query('CREATE UNIQUE INDEX `uq_orders_open_key` ON `orders` (`open_key`)');
    await q.query('ALTER TABLE `refunds` MODIFY `course_id` int UNSIGNED NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DELETE r FROM `refunds` r JOIN `orders` o ON o.id = r.order_id WHERE o.item_type = 'membership'");
    await q.query('ALTER TABLE `refunds` MODIFY `course_id` int UNSIGNED NOT NULL');
    await q.query("DELETE FROM `orders` WHERE `item_type` = 'membership'");
    await q.query('DROP INDEX `uq_orders_open_key` ON `orders`');
    await q.query("ALTER TABLE `orders` MODIFY `open_key` varchar(32) AS (IF(`status` = 'PENDING', CONCAT(`user_id`, ':', `course_id`), NULL)) PERSISTENT");
    await q.query('CREATE UNIQUE INDEX `uq_orders_open_key` ON `orders` (`open_key`)');
    await q.query('ALTER TABLE `orders` DROP CONSTRAINT `ck_orders_item`');
    await q.query('ALTER TABLE `orders` DROP FOREIGN KEY `fk_orders_plan`');
    await q.query('DROP INDEX `ix_orders_plan_status` ON `orders`');
    await q.query('ALTER TABLE `orders` DROP COLUMN `plan_id`, DROP COLUMN `item_type`, MODIFY `course_id` int UNSIGNED NOT NULL');
  }
}
