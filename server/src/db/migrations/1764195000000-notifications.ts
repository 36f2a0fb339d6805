import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices delivered to learners, one row per kind, event and user: the row is written before (or,
 * for chat, right after queueing) a delivery, so a retried consumer job never notifies twice.
 */
export class Notifications1764195000000 implements MigrationInterface {
  name = 'Notifications1764195000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `notifications_sent` (`id` bigint UNSIGNED NOT NULL AUTO_INCREMENT, `kind` varchar(20) NOT NULL, `event_key` varchar(64) NOT NULL, `user_id` int UNSIGNED NOT NULL, `channel` enum ('chat', 'subscribe') NOT NULL, `sent_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_notifications_sent_event` (`kind`, `event_key`, `user_id`), INDEX `ix_notifications_sent_user` (`user_id`, `sent_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      'ALTER TABLE `notifications_sent` ADD CONSTRAINT `fk_notifications_sent_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `notifications_sent` DROP FOREIGN KEY `fk_notifications_sent_user`');
    await q.query('DROP INDEX `ix_notifications_sent_user` ON `notifications_sent`');
    await q.query('DROP INDEX `uq_notifications_sent_event` ON `notifications_sent`');
    await q.query('DROP TABLE `notifications_sent`');
  }
}
