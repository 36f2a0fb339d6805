import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Course Q&A (FAQ entries, learners' questions and creators' answers) and chat binding (which chat
 * contact is which user, and the one-time codes that prove it). `active_code` exists only while a code
 * is unused, so its unique index lets one unused code name exactly one user.
 */
export class Qa1764190000000 implements MigrationInterface {
  name = 'Qa1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("CREATE TABLE `faq_entries` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `course_id` int UNSIGNED NOT NULL, `question` varchar(200) NOT NULL, `answer` text NOT NULL, `position` int NOT NULL DEFAULT '0', `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_faq_entries_course_position` (`course_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `course_questions` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `course_id` int UNSIGNED NOT NULL, `user_id` int UNSIGNED NOT NULL, `text` varchar(1000) NOT NULL, `status` enum ('OPEN', 'ANSWERED') NOT NULL DEFAULT 'OPEN', `answer` text NULL, `answered_by` int UNSIGNED NULL, `answered_at` datetime(3) NULL, `source` enum ('app', 'chat') NOT NULL DEFAULT 'app', `is_public` tinyint NOT NULL DEFAULT 1, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_course_questions_course_status_created` (`course_id`, `status`, `created_at`), INDEX `ix_course_questions_user_created` (`user_id`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `chat_bindings` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `user_id` int UNSIGNED NOT NULL, `contact_id` varchar(128) NOT NULL, `contact_name` varchar(128) NOT NULL, `bound_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_chat_bindings_user` (`user_id`), UNIQUE INDEX `uq_chat_bindings_contact` (`contact_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await q.query("CREATE TABLE `binding_codes` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `user_id` int UNSIGNED NOT NULL, `code` char(6) NOT NULL, `expires_at` datetime(3) NOT NULL, `used_at` datetime(3) NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_binding_codes_user` (`user_id`, `used_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    // RTRIM: MariaDB refuses a bare CHAR column in a generated column (its value would depend on PAD_CHAR_TO_FULL_LENGTH).
    await q.query("ALTER TABLE `binding_codes` ADD `active_code` varchar(6) AS (IF(`used_at` IS NULL, RTRIM(`code`), NULL)) PERSISTENT");
    await q.query("CREATE UNIQUE INDEX `uq_binding_codes_active` ON `binding_codes` (`active_code`)");
    // What a bot reads back as a code must be one it could have been sent: six digits, nothing else.
    await q.query("ALTER TABLE `binding_codes` ADD CONSTRAINT `ck_binding_codes_code` CHECK (`code` REGEXP '^[0-9]{6}$')");
    await q.query("ALTER TABLE `course_questions` ADD CONSTRAINT `ck_course_questions_answer` CHECK (`status` = 'OPEN' OR (`answer` IS NOT NULL AND `answered_at` IS NOT NULL))");
    await q.query("ALTER TABLE `faq_entries` ADD CONSTRAINT `fk_faq_entries_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `course_questions` ADD CONSTRAINT `fk_course_questions_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `course_questions` ADD CONSTRAINT `fk_course_questions_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `course_questions` ADD CONSTRAINT `fk_course_questions_answerer` FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `chat_bindings` ADD CONSTRAINT `fk_chat_bindings_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await q.query("ALTER TABLE `binding_codes` ADD CONSTRAINT `fk_binding_codes_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE `binding_codes` DROP FOREIGN KEY `fk_binding_codes_user`");
    await q.query("ALTER TABLE `chat_bindings` DROP FOREIGN KEY `fk_chat_bindings_user`");
    await q.query("ALTER TABLE `course_questions` DROP FOREIGN KEY `fk_course_questions_answerer`");
    await q.query("ALTER TABLE `course_questions` DROP FOREIGN KEY `fk_course_questions_user`");
    await q.query("ALTER TABLE `course_questions` DROP FOREIGN KEY `fk_course_questions_course`");
    await q.query("ALTER TABLE `faq_entries` DROP FOREIGN KEY `fk_faq_entries_course`");
    await q.query("DROP TABLE `binding_codes`");
    await q.query("DROP TABLE `chat_bindings`");
    await q.query("DROP TABLE `course_questions`");
    await q.query("DROP TABLE `faq_entries`");
  }
}
