import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, the catalog (categories, courses, chapters, lessons, reviews), enrollments and the seed's orders. */
export class Initial1764163200000 implements MigrationInterface {
  name = 'Initial1764163200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE `categories` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `name` varchar(64) NOT NULL, `slug` varchar(64) NOT NULL, `sort_order` int NOT NULL DEFAULT '0', UNIQUE INDEX `uq_categories_name` (`name`), UNIQUE INDEX `uq_categories_slug` (`slug`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `users` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `username` varchar(32) NOT NULL, `display_name` varchar(64) NOT NULL, `password_hash` varchar(255) NULL, `email` varchar(254) NULL, `phone` varchar(20) NULL, `wechat_openid` varchar(64) NULL, `wechat_unionid` varchar(64) NULL, `role` enum ('learner', 'creator', 'admin') NOT NULL DEFAULT 'learner', `registered_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_users_username` (`username`), UNIQUE INDEX `uq_users_email` (`email`), UNIQUE INDEX `uq_users_phone` (`phone`), UNIQUE INDEX `uq_users_wechat_openid` (`wechat_openid`), INDEX `ix_users_wechat_unionid` (`wechat_unionid`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `courses` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `creator_id` int UNSIGNED NOT NULL, `category_id` int UNSIGNED NOT NULL, `name` varchar(100) NOT NULL, `description` text NOT NULL, `price_fen` int UNSIGNED NOT NULL, `status` enum ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'REJECTED', 'UNLISTED') NOT NULL DEFAULT 'DRAFT', `review_note` varchar(500) NULL, `published_at` datetime(3) NULL, `cover_key` varchar(255) NULL, `rating_count` int UNSIGNED NOT NULL DEFAULT '0', `rating_sum` int UNSIGNED NOT NULL DEFAULT '0', `rating_avg` decimal(3,2) NOT NULL DEFAULT '0.00', `sales_count` int UNSIGNED NOT NULL DEFAULT '0', `search_text` text NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_courses_status_sales` (`status`, `sales_count`), INDEX `ix_courses_status_rating` (`status`, `rating_avg`), INDEX `ix_courses_status_price` (`status`, `price_fen`), INDEX `ix_courses_status_published` (`status`, `published_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `chapters` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `course_id` int UNSIGNED NOT NULL, `title` varchar(100) NOT NULL, `position` int NOT NULL DEFAULT '0', INDEX `ix_chapters_course_position` (`course_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `lessons` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `chapter_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `title` varchar(100) NOT NULL, `kind` enum ('video', 'audio', 'article', 'document') NOT NULL, `duration_s` int UNSIGNED NOT NULL DEFAULT '0', `free_preview` tinyint NOT NULL DEFAULT 0, `media_key` varchar(255) NULL, `position` int NOT NULL DEFAULT '0', INDEX `ix_lessons_course` (`course_id`), INDEX `ix_lessons_chapter_position` (`chapter_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `reviews` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `user_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `rating` tinyint UNSIGNED NOT NULL, `content` text NOT NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_reviews_course_created` (`course_id`, `created_at`), UNIQUE INDEX `uq_reviews_user_course` (`user_id`, `course_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `enrollments` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `user_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `source` enum ('purchase', 'free', 'grant') NOT NULL, `status` enum ('ACTIVE', 'REVOKED') NOT NULL DEFAULT 'ACTIVE', `order_id` int UNSIGNED NULL, `enrolled_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_enrollments_course` (`course_id`), UNIQUE INDEX `uq_enrollments_user_course` (`user_id`, `course_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `orders` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `user_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `status` enum ('PENDING', 'PAID', 'FAILED', 'EXPIRED', 'REFUNDED') NOT NULL DEFAULT 'PENDING', `payment_method` enum ('WECHAT_PAY', 'FREE') NOT NULL DEFAULT 'WECHAT_PAY', `amount_fen` int UNSIGNED NOT NULL, `out_trade_no` varchar(32) NOT NULL, `prepay_id` varchar(64) NULL, `transaction_id` varchar(32) NULL, `order_time` datetime(3) NOT NULL, `expires_at` datetime(3) NOT NULL, `paid_at` datetime(3) NULL, UNIQUE INDEX `uq_orders_out_trade_no` (`out_trade_no`), UNIQUE INDEX `uq_orders_transaction_id` (`transaction_id`), INDEX `ix_orders_status_expires` (`status`, `expires_at`), INDEX `ix_orders_course_status` (`course_id`, `status`), INDEX `ix_orders_user_time` (`user_id`, `order_time`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("ALTER TABLE `courses` ADD CONSTRAINT `fk_courses_creator` FOREIGN KEY (`creator_id`) REFERENCES `users`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `courses` ADD CONSTRAINT `fk_courses_category` FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `chapters` ADD CONSTRAINT `fk_chapters_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `lessons` ADD CONSTRAINT `fk_lessons_chapter` FOREIGN KEY (`chapter_id`) REFERENCES `chapters`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `reviews` ADD CONSTRAINT `fk_reviews_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `reviews` ADD CONSTRAINT `fk_reviews_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `enrollments` ADD CONSTRAINT `fk_enrollments_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `enrollments` ADD CONSTRAINT `fk_enrollments_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `orders` ADD CONSTRAINT `fk_orders_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `orders` ADD CONSTRAINT `fk_orders_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION");
    // Unsigned columns already forbid negative money and counts; these guard what types cannot.
    await q.query("ALTER TABLE `courses` ADD CONSTRAINT `ck_courses_rating` CHECK (`rating_sum` <= 5 * `rating_count`)");
    await q.query("ALTER TABLE `reviews` ADD CONSTRAINT `ck_reviews_rating` CHECK (`rating` BETWEEN 1 AND 5)");
    await q.query("ALTER TABLE `courses` ADD INDEX `ix_courses_status_category` (`status`, `category_id`)");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE `orders` DROP FOREIGN KEY `fk_orders_course`");
    await q.query("ALTER TABLE `orders` DROP FOREIGN KEY `fk_orders_user`");
    await q.query("ALTER TABLE `enrollments` DROP FOREIGN KEY `fk_enrollments_course`");
    await q.query("ALTER TABLE `enrollments` DROP FOREIGN KEY `fk_enrollments_user`");
    await q.query("ALTER TABLE `reviews` DROP FOREIGN KEY `fk_reviews_course`");
    await q.query("ALTER TABLE `reviews` DROP FOREIGN KEY `fk_reviews_user`");
    await q.query("ALTER TABLE `lessons` DROP FOREIGN KEY `fk_lessons_chapter`");
    await q.query("ALTER TABLE `chapters` DROP FOREIGN KEY `fk_chapters_course`");
    await q.query("ALTER TABLE `courses` DROP FOREIGN KEY `fk_courses_category`");
    await q.query("ALTER TABLE `courses` DROP FOREIGN KEY `fk_courses_creator`");
    await q.query("DROP INDEX `ix_orders_user_time` ON `orders`");
    await q.query("DROP INDEX `ix_orders_course_status` ON `orders`");
    await q.query("DROP INDEX `ix_orders_status_expires` ON `orders`");
    await q.query("DROP INDEX `uq_orders_transaction_id` ON `orders`");
    await q.query("DROP INDEX `uq_orders_out_trade_no` ON `orders`");
    await q.query("DROP TABLE `orders`");
    await q.query("DROP INDEX `uq_enrollments_user_course` ON `enrollments`");
    await q.query("DROP INDEX `ix_enrollments_course` ON `enrollments`");
    await q.query("DROP TABLE `enrollments`");
    await q.query("DROP INDEX `uq_reviews_user_course` ON `reviews`");
    await q.query("DROP INDEX `ix_reviews_course_created` ON `reviews`");
    await q.query("DROP TABLE `reviews`");
    await q.query("DROP INDEX `ix_lessons_chapter_position` ON `lessons`");
    await q.query("DROP INDEX `ix_lessons_course` ON `lessons`");
    await q.query("DROP TABLE `lessons`");
    await q.query("DROP INDEX `ix_chapters_course_position` ON `chapters`");
    await q.query("DROP TABLE `chapters`");
    await q.query("DROP INDEX `ix_courses_status_published` ON `courses`");
    await q.query("DROP INDEX `ix_courses_status_price` ON `courses`");
    await q.query("DROP INDEX `ix_courses_status_rating` ON `courses`");
    await q.query("DROP INDEX `ix_courses_status_sales` ON `courses`");
    await q.query("DROP TABLE `courses`");
    await q.query("DROP INDEX `ix_users_wechat_unionid` ON `users`");
    await q.query("DROP INDEX `uq_users_wechat_openid` ON `users`");
    await q.query("DROP INDEX `uq_users_phone` ON `users`");
    await q.query("DROP INDEX `uq_users_email` ON `users`");
    await q.query("DROP INDEX `uq_users_username` ON `users`");
    await q.query("DROP TABLE `users`");
    await q.query("DROP INDEX `uq_categories_slug` ON `categories`");
    await q.query("DROP INDEX `uq_categories_name` ON `categories`");
    await q.query("DROP TABLE `categories`");
  }
}
