import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sales digests (one per creator and day: the unique key is what keeps two workers or a retry from
 * making a second) and the analytics the jobs compute: daily figures per course, learners' study
 * activity and purchase propensity. Plus time indexes the platform-wide day cuts read by.
 */
export class Analytics1764210000000 implements MigrationInterface {
  name = 'Analytics1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `sales_digests` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `creator_id` int UNSIGNED NOT NULL, `digest_date` date NOT NULL, `cutoff_at` datetime(3) NOT NULL, `figures` json NOT NULL, `text` text NOT NULL, `image_key` varchar(255) NOT NULL, `created_at` datetime(3) NOT NULL, `queued_at` datetime(3) NULL, UNIQUE INDEX `uq_sales_digests_creator_date` (`creator_id`, `digest_date`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `sales_digests` ADD CONSTRAINT `fk_sales_digests_creator` FOREIGN KEY (`creator_id`) REFERENCES `users`(`id`) ON DELETE CASCADE');

    await q.query(
      'CREATE TABLE `course_daily_stats` (`course_id` int UNSIGNED NOT NULL, `day` date NOT NULL, `views` int UNSIGNED NOT NULL DEFAULT 0, `orders` int UNSIGNED NOT NULL DEFAULT 0, `paid_orders` int UNSIGNED NOT NULL DEFAULT 0, `revenue_fen` bigint UNSIGNED NOT NULL DEFAULT 0, `refunds` int UNSIGNED NOT NULL DEFAULT 0, `refunded_fen` bigint UNSIGNED NOT NULL DEFAULT 0, `new_learners` int UNSIGNED NOT NULL DEFAULT 0, `study_sessions` int UNSIGNED NOT NULL DEFAULT 0, `studied_s` bigint UNSIGNED NOT NULL DEFAULT 0, `questions` int UNSIGNED NOT NULL DEFAULT 0, `computed_at` datetime(3) NOT NULL, INDEX `ix_course_daily_stats_day` (`day`), PRIMARY KEY (`course_id`, `day`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `course_daily_stats` ADD CONSTRAINT `fk_course_daily_stats_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE');

    await q.query(
      'CREATE TABLE `learner_activity` (`user_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `period_days` smallint UNSIGNED NOT NULL, `sessions` int UNSIGNED NOT NULL, `studied_s` bigint UNSIGNED NOT NULL, `score` double NOT NULL, `computed_at` datetime(3) NOT NULL, INDEX `ix_learner_activity_course` (`course_id`), PRIMARY KEY (`user_id`, `course_id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `learner_activity` ADD CONSTRAINT `fk_learner_activity_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE');
    await q.query('ALTER TABLE `learner_activity` ADD CONSTRAINT `fk_learner_activity_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE');

    await q.query(
      'CREATE TABLE `purchase_propensity` (`user_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `quality` double NOT NULL, `price` double NOT NULL, `interest` double NOT NULL, `score` double NOT NULL, `computed_at` datetime(3) NOT NULL, INDEX `ix_purchase_propensity_course` (`course_id`, `score`), PRIMARY KEY (`user_id`, `course_id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `purchase_propensity` ADD CONSTRAINT `fk_purchase_propensity_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE');
    await q.query('ALTER TABLE `purchase_propensity` ADD CONSTRAINT `fk_purchase_propensity_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE');

    await q.query('CREATE INDEX `ix_orders_order_time` ON `orders` (`order_time`)');
    await q.query('CREATE INDEX `ix_orders_paid_at` ON `orders` (`paid_at`)');
    await q.query('CREATE INDEX `ix_refunds_completed_at` ON `refunds` (`completed_at`)');
    await q.query('CREATE INDEX `ix_enrollments_enrolled_at` ON `enrollments` (`enrolled_at`)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX `ix_enrollments_enrolled_at` ON `enrollments`');
    await q.query('DROP INDEX `ix_refunds_completed_at` ON `refunds`');
    await q.query('DROP INDEX `ix_orders_paid_at` ON `orders`');
    await q.query('DROP INDEX `ix_orders_order_time` ON `orders`');
    await q.query('DROP TABLE `purchase_propensity`');
    await q.query('DROP TABLE `learner_activity`');
    await q.query('DROP TABLE `course_daily_stats`');
    await q.query('DROP TABLE `sales_digests`');
  }
}
