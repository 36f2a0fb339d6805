import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Certificates of completion: one per learner and course, a public verification code, the PNG and PDF in media storage. */
export class Certificates1764232000000 implements MigrationInterface {
  name = 'Certificates1764232000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `certificates` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `code` varchar(20) NOT NULL, `user_id` int UNSIGNED NOT NULL, `course_id` int UNSIGNED NOT NULL, `learner_name` varchar(100) NOT NULL, `course_name` varchar(100) NOT NULL, `issued_at` datetime(3) NOT NULL, `png_key` varchar(255) NULL, `pdf_key` varchar(255) NULL, UNIQUE INDEX `uq_certificates_user_course` (`user_id`, `course_id`), UNIQUE INDEX `uq_certificates_code` (`code`), INDEX `ix_certificates_course` (`course_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await q.query('ALTER TABLE `certificates` ADD CONSTRAINT `fk_certificates_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE');
    await q.query('ALTER TABLE `certificates` ADD CONSTRAINT `fk_certificates_course` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE CASCADE');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `certificates` DROP FOREIGN KEY `fk_certificates_course`');
    await q.query('ALTER TABLE `certificates` DROP FOREIGN KEY `fk_certificates_user`');
    await q.query('DROP TABLE `certificates`');
  }
}
