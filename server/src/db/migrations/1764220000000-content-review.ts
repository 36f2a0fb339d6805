import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Content review of live courses and the audit log.
 * - `course_revisions`: what a creator changed on a course that learners can already see (title,
 *   description, cover), waiting for an admin; every submission for review has one, so decisions have
 *   a record. `open_course_id` holds the course id while the revision is open (DRAFT, IN_REVIEW or
 *   REJECTED) and NULL once approved: its unique index allows one open revision per course.
 * - `course_revision_media`: new media for lessons of that course, applied with the revision.
 * - `audit_log`: who changed what (course content, reviews, roles, refunds), newest last.
 */
export class ContentReview1764220000000 implements MigrationInterface {
  name = 'ContentReview1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `course_revisions` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `course_id` int UNSIGNED NOT NULL, `status` enum ('DRAFT', 'IN_REVIEW', 'APPROVED', 'REJECTED') NOT NULL DEFAULT 'DRAFT', `kind` enum ('publish', 'changes') NOT NULL DEFAULT 'changes', `name` varchar(100) NULL, `description` text NULL, `cover_key` varchar(255) NULL, `open_course_id` int UNSIGNED NULL, `submissions` smallint UNSIGNED NOT NULL DEFAULT 0, `review_note` varchar(500) NULL, `submitted_at` datetime(3) NULL, `decided_at` datetime(3) NULL, `decided_by` int UNSIGNED NULL, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE INDEX `uq_course_revisions_open` (`open_course_id`), INDEX `ix_course_revisions_course` (`course_id`, `id`), INDEX `ix_course_revisions_status` (`status`, `submitted_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    // An open revision names its own course; a decided (approved) one names none.
    await q.query(
      "ALTER TABLE `course_revisions` ADD CONSTRAINT `ck_course_revisions_open` CHECK ((`status` = 'APPROVED' AND `open_course_id` IS NULL) OR (`status` <> 'APPROVED' AND `open_course_id` = `course_id`))",
    );
    await q.query('ALTER TABLE `course_revisions` ADD CONSTRAINT `fk_course_revisions_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `course_revisions` ADD CONSTRAINT `fk_course_revisions_decider` FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION');

    await q.query(
      'CREATE TABLE `course_revision_media` (`revision_id` int UNSIGNED NOT NULL, `lesson_id` int UNSIGNED NOT NULL, `media_key` varchar(255) NOT NULL, INDEX `ix_course_revision_media_lesson` (`lesson_id`), PRIMARY KEY (`revision_id`, `lesson_id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `course_revision_media` ADD CONSTRAINT `fk_course_revision_media_revision` FOREIGN KEY (`revision_id`) REFERENCES `course_revisions`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');
    await q.query('ALTER TABLE `course_revision_media` ADD CONSTRAINT `fk_course_revision_media_lesson` FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION');

    await q.query(
      'CREATE TABLE `audit_log` (`id` bigint UNSIGNED NOT NULL AUTO_INCREMENT, `actor_id` int UNSIGNED NULL, `actor_role` varchar(16) NOT NULL, `action` varchar(40) NOT NULL, `subject_type` varchar(20) NOT NULL, `subject_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NULL, `details` json NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `ix_audit_log_subject` (`subject_type`, `subject_id`, `id`), INDEX `ix_audit_log_course` (`course_id`, `id`), INDEX `ix_audit_log_actor` (`actor_id`, `id`), INDEX `ix_audit_log_action` (`action`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    // The log outlives what it is about: no foreign key on the subject or the course, and a deleted actor leaves the entry.
    await q.query('ALTER TABLE `audit_log` ADD CONSTRAINT `fk_audit_log_actor` FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE NO ACTION');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `audit_log` DROP FOREIGN KEY `fk_audit_log_actor`');
    await q.query('DROP TABLE `audit_log`');
    await q.query('ALTER TABLE `course_revision_media` DROP FOREIGN KEY `fk_course_revision_media_lesson`');
    await q.query('ALTER TABLE `course_revision_media` DROP FOREIGN KEY `fk_course_revision_media_revision`');
    await q.query('DROP TABLE `course_revision_media`');
    await q.query('ALTER TABLE `course_revisions` DROP FOREIGN KEY `fk_course_revisions_decider`');
    await q.query('ALTER TABLE `course_revisions` DROP FOREIGN KEY `fk_course_revisions_course`');
    await q.query('DROP TABLE `course_revisions`');
  }
}
