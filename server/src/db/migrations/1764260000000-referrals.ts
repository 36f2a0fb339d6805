import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral rewards (分销). New tables only; courses and orders stay as they are.
 * - `referral_codes`: one opaque share code per user (not the user id).
 * - `referral_rates`: the creator's reward rate (whole percent, 0..50) per course or membership plan.
 * - `referral_visits`: one row per visitor, item and referrer, holding the latest click (last click wins).
 * - `referral_attributions`: at most one per order (the unique order id makes attribution idempotent):
 *   PENDING until the refund window has passed, then CREDITED, or REVERSED by a refund.
 * - `referral_balances`: one row per user, locked by every credit and reversal; never negative (CHECK).
 * - `referral_ledger`: CREDIT and REVERSAL entries with the balance after each; one of each kind per attribution.
 */
export class Referrals1764260000000 implements MigrationInterface {
  name = 'Referrals1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `referral_codes` (`user_id` int UNSIGNED NOT NULL, `code` varchar(16) NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_referral_codes_code` (`code`), PRIMARY KEY (`user_id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `referral_codes` ADD CONSTRAINT `fk_referral_codes_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');

    await q.query(
      "CREATE TABLE `referral_rates` (`item_type` enum ('course', 'plan') NOT NULL, `item_id` int UNSIGNED NOT NULL, `rate_percent` tinyint UNSIGNED NOT NULL, `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), CONSTRAINT `ck_referral_rates_range` CHECK (`rate_percent` <= 50), PRIMARY KEY (`item_type`, `item_id`)) ENGINE=InnoDB",
    );

    await q.query(
      "CREATE TABLE `referral_visits` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `visitor_id` int UNSIGNED NOT NULL, `referrer_id` int UNSIGNED NOT NULL, `item_type` enum ('course', 'plan') NOT NULL, `item_id` int UNSIGNED NOT NULL, `visited_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_referral_visits_click` (`visitor_id`, `item_type`, `item_id`, `referrer_id`), INDEX `ix_referral_visits_latest` (`visitor_id`, `item_type`, `item_id`, `visited_at`), INDEX `ix_referral_visits_referrer` (`referrer_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query('ALTER TABLE `referral_visits` ADD CONSTRAINT `fk_referral_visits_visitor` FOREIGN KEY (`visitor_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `referral_visits` ADD CONSTRAINT `fk_referral_visits_referrer` FOREIGN KEY (`referrer_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');

    await q.query(
      "CREATE TABLE `referral_attributions` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `order_id` int UNSIGNED NOT NULL, `referrer_id` int UNSIGNED NOT NULL, `buyer_id` int UNSIGNED NOT NULL, `creator_id` int UNSIGNED NOT NULL, `item_type` enum ('course', 'plan') NOT NULL, `item_id` int UNSIGNED NOT NULL, `rate_percent` tinyint UNSIGNED NOT NULL, `order_amount_fen` int UNSIGNED NOT NULL, `amount_fen` int UNSIGNED NOT NULL, `status` enum ('PENDING', 'CREDITED', 'REVERSED') NOT NULL DEFAULT 'PENDING', `visited_at` datetime(3) NOT NULL, `paid_at` datetime(3) NOT NULL, `credit_due_at` datetime(3) NOT NULL, `credited_at` datetime(3) NULL, `reversed_at` datetime(3) NULL, UNIQUE INDEX `uq_referral_attributions_order` (`order_id`), INDEX `ix_referral_attributions_due` (`status`, `credit_due_at`), INDEX `ix_referral_attributions_referrer` (`referrer_id`, `status`), INDEX `ix_referral_attributions_creator` (`creator_id`, `paid_at`), CONSTRAINT `ck_referral_attributions_amount` CHECK (`amount_fen` <= `order_amount_fen`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query('ALTER TABLE `referral_attributions` ADD CONSTRAINT `fk_referral_attributions_order` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `referral_attributions` ADD CONSTRAINT `fk_referral_attributions_referrer` FOREIGN KEY (`referrer_id`) REFERENCES `users`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');

    await q.query(
      'CREATE TABLE `referral_balances` (`user_id` int UNSIGNED NOT NULL, `balance_fen` int NOT NULL DEFAULT 0, `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), CONSTRAINT `ck_referral_balances_not_negative` CHECK (`balance_fen` >= 0), PRIMARY KEY (`user_id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `referral_balances` ADD CONSTRAINT `fk_referral_balances_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');

    await q.query(
      "CREATE TABLE `referral_ledger` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `user_id` int UNSIGNED NOT NULL, `attribution_id` int UNSIGNED NOT NULL, `kind` enum ('CREDIT', 'REVERSAL') NOT NULL, `amount_fen` int UNSIGNED NOT NULL, `shortfall_fen` int UNSIGNED NOT NULL DEFAULT 0, `balance_after_fen` int UNSIGNED NOT NULL, `created_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_referral_ledger_entry` (`attribution_id`, `kind`), INDEX `ix_referral_ledger_user` (`user_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query('ALTER TABLE `referral_ledger` ADD CONSTRAINT `fk_referral_ledger_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `referral_ledger` ADD CONSTRAINT `fk_referral_ledger_attribution` FOREIGN KEY (`attribution_id`) REFERENCES `referral_attributions`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `referral_ledger` DROP FOREIGN KEY `fk_referral_ledger_attribution`');
    await q.query('ALTER TABLE `referral_ledger` DROP FOREIGN KEY `fk_referral_ledger_user`');
    await q.query('DROP TABLE `referral_ledger`');
    await q.query('ALTER TABLE `referral_balances` DROP FOREIGN KEY `fk_referral_balances_user`');
    await q.query('DROP TABLE `referral_balances`');
    await q.query('ALTER TABLE `referral_attributions` DROP FOREIGN KEY `fk_referral_attributions_referrer`');
    await q.query('ALTER TABLE `referral_attributions` DROP FOREIGN KEY `fk_referral_attributions_order`');
    await q.query('DROP TABLE `referral_attributions`');
    await q.query('ALTER TABLE `referral_visits` DROP FOREIGN KEY `fk_referral_visits_referrer`');
    await q.query('ALTER TABLE `referral_visits` DROP FOREIGN KEY `fk_referral_visits_visitor`');
    await q.query('DROP TABLE `referral_visits`');
    await q.query('DROP TABLE `referral_rates`');
    await q.query('ALTER TABLE `referral_codes` DROP FOREIGN KEY `fk_referral_codes_user`');
    await q.query('DROP TABLE `referral_codes`');
  }
}
