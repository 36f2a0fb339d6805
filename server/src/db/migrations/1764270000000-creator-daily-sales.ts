import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily sales that belong to no single course, per creator: membership orders (a plan's creator) and
 * gift orders (the course's creator), paid and refunded, rolled up by the analytics job beside
 * course_daily_stats (which counts course orders only). Creator totals add the two.
 */
export class CreatorDailySales1764270000000 implements MigrationInterface {
  name = 'CreatorDailySales1764270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `creator_daily_sales` (`creator_id` int UNSIGNED NOT NULL, `day` date NOT NULL, `item_type` enum ('membership', 'gift') NOT NULL, `paid_orders` int UNSIGNED NOT NULL DEFAULT 0, `revenue_fen` bigint UNSIGNED NOT NULL DEFAULT 0, `refunds` int UNSIGNED NOT NULL DEFAULT 0, `refunded_fen` bigint UNSIGNED NOT NULL DEFAULT 0, `computed_at` datetime(3) NOT NULL, INDEX `ix_creator_daily_sales_day` (`day`), PRIMARY KEY (`creator_id`, `day`, `item_type`)) ENGINE=InnoDB",
    );
    await q.query('ALTER TABLE `creator_daily_sales` ADD CONSTRAINT `fk_creator_daily_sales_creator` FOREIGN KEY (`creator_id`) REFERENCES `users`(`id`) ON DELETE CASCADE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `creator_daily_sales`');
  }
}
