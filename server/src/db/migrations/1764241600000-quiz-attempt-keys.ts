import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submit of a quiz may carry the client's id for the attempt (`Idempotency-Key` or
 * `client_attempt_id`): unique per learner and quiz, so a retried submit finds the first attempt
 * instead of making a second one.
 */
export class QuizAttemptKeys1764241600000 implements MigrationInterface {
  name = 'QuizAttemptKeys1764241600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `quiz_attempts` ADD `client_attempt_id` varchar(64) NULL');
    await q.query('CREATE UNIQUE INDEX `uq_quiz_attempts_client` ON `quiz_attempts` (`quiz_id`, `user_id`, `client_attempt_id`)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX `uq_quiz_attempts_client` ON `quiz_attempts`');
    await q.query('ALTER TABLE `quiz_attempts` DROP COLUMN `client_attempt_id`');
  }
}
