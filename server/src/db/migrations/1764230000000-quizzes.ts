import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Quizzes and exercises per lesson, chapter or course; their questions with the answer key; learners' attempts. */
export class Quizzes1764230000000 implements MigrationInterface {
  name = 'Quizzes1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      "CREATE TABLE `quizzes` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `course_id` int UNSIGNED NOT NULL, `chapter_id` int UNSIGNED NULL, `lesson_id` int UNSIGNED NULL, `title` varchar(100) NOT NULL, `pass_percent` tinyint UNSIGNED NOT NULL DEFAULT '60', `required` tinyint NOT NULL DEFAULT 0, `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX `ix_quizzes_course` (`course_id`), PRIMARY KEY (`id`), CONSTRAINT `ck_quizzes_pass_percent` CHECK (`pass_percent` <= 100)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `quiz_questions` (`id` int UNSIGNED NOT NULL AUTO_INCREMENT, `quiz_id` int UNSIGNED NOT NULL, `position` int NOT NULL DEFAULT '0', `kind` enum('single','multiple','true_false','fill_in','short_answer') NOT NULL, `prompt` text NOT NULL, `options` json NOT NULL, `answer_key` json NOT NULL, `explanation` text NULL, `points` smallint UNSIGNED NOT NULL DEFAULT '1', INDEX `ix_quiz_questions_quiz_position` (`quiz_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await q.query(
      "CREATE TABLE `quiz_attempts` (`id` bigint UNSIGNED NOT NULL AUTO_INCREMENT, `quiz_id` int UNSIGNED NOT NULL, `user_id` int UNSIGNED NOT NULL, `results` json NOT NULL, `score` int UNSIGNED NOT NULL, `max_score` int UNSIGNED NOT NULL, `percent` tinyint UNSIGNED NOT NULL, `passed` tinyint NOT NULL DEFAULT 0, `status` enum('GRADED','AWAITING_REVIEW') NOT NULL, `submitted_at` datetime(3) NOT NULL, `graded_at` datetime(3) NULL, INDEX `ix_quiz_attempts_quiz_user` (`quiz_id`, `user_id`), INDEX `ix_quiz_attempts_user` (`user_id`), INDEX `ix_quiz_attempts_quiz_status` (`quiz_id`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    for (const [table, column, target, name] of FOREIGN_KEYS) {
      await q.query(`ALTER TABLE \`${table}\` ADD CONSTRAINT \`${name}\` FOREIGN KEY (\`${column}\`) REFERENCES \`${target}\`(\`id\`) ON DELETE CASCADE`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, , , name] of [...FOREIGN_KEYS].reverse()) await q.query(`ALTER TABLE \`${table}\` DROP FOREIGN KEY \`${name}\``);
    await q.query('DROP TABLE `quiz_attempts`');
    await q.query('DROP TABLE `quiz_questions`');
    await q.query('DROP TABLE `quizzes`');
  }
}

const FOREIGN_KEYS: ReadonlyArray<readonly [table: string, column: string, target: string, name: string]> = [
  ['quizzes', 'course_id', 'courses', 'fk_quizzes_course'],
  ['quizzes', 'chapter_id', 'chapters', 'fk_quizzes_chapter'],
  ['quizzes', 'lesson_id', 'lessons', 'fk_quizzes_lesson'],
  ['quiz_questions', 'quiz_id', 'quizzes', 'fk_quiz_questions_quiz'],
  ['quiz_attempts', 'quiz_id', 'quizzes', 'fk_quiz_attempts_quiz'],
  ['quiz_attempts', 'user_id', 'users', 'fk_quiz_attempts_user'],
];
