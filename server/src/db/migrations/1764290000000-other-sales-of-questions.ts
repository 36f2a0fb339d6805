import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The creator's daily rollup of sales other than course orders counts paid questions and unlocks too. */
export class OtherSalesOfQuestions1764290000000 implements MigrationInterface {
  name = 'OtherSalesOfQuestions1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE `creator_daily_sales` MODIFY `item_type` enum ('membership', 'gift', 'question', 'unlock') NOT NULL");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DELETE FROM `creator_daily_sales` WHERE `item_type` IN ('question', 'unlock')");
    await q.query("ALTER TABLE `creator_daily_sales` MODIFY `item_type` enum ('membership', 'gift') NOT NULL");
  }
}
