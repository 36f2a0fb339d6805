import type { DataSource, EntityManager } from 'typeorm';

/** A ranked list, best first. */
export interface RankedList {
  /** The learner (recommendations) or the course (related courses) it belongs to. */
  ownerId: number;
  courseIds: number[];
  scores: number[];
}

type Row = Record<string, unknown>;

/** Rows per INSERT: well under max_allowed_packet, few enough round trips. */
const INSERT_CHUNK = 1000;
/** Rows per DELETE of an old generation: short statements, so readers and writers never wait long. */
const DELETE_CHUNK = 10_000;

/** The generation readers see: the newest finished run. One subquery, so each read sees one generation whole. */
export const CURRENT_GENERATION = "(SELECT MAX(id) FROM recommendation_runs WHERE status = 'DONE')";

/**
 * Where recommendations live. A full recompute writes a new generation next to the current one and
 * switches by marking its run DONE (one row, one statement): readers see the old lists or the new ones,
 * never a mix, and a run that dies before the switch is invisible. A learner's incremental update
 * replaces that learner's rows in the current generation in one transaction.
 */
export class RecommendationStore {
  constructor(private readonly ds: DataSource) {}

  async currentGeneration(): Promise<number | null> {
    const [row]: Row[] = await this.ds.query(`SELECT ${CURRENT_GENERATION} AS g`);
    return row?.g === null || row?.g === undefined ? null : Number(row.g);
  }

  /**
   * Runs `work` holding this database's recompute lock, or returns null at once when another process
   * holds it. MySQL releases the lock when the connection dies, so a killed worker never leaves it held.
   */
  async exclusively<T>(work: () => Promise<T>): Promise<T | null> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      const [row]: Row[] = await runner.query("SELECT GET_LOCK(CONCAT('recommendations:', DATABASE()), 0) AS got");
      if (Number(row?.got) !== 1) return null;
      try {
        return await work();
      } finally {
        await runner.query("SELECT RELEASE_LOCK(CONCAT('recommendations:', DATABASE()))");
      }
    } finally {
      await runner.release();
    }
  }

  /** Starts a run; runs still marked RUNNING died (the caller holds the lock), so they are abandoned. */
  async startRun(at: Date): Promise<number> {
    await this.ds.query("UPDATE recommendation_runs SET status = 'ABANDONED', finished_at = ? WHERE status = 'RUNNING'", [at]);
    const result: { insertId: number } = await this.ds.query("INSERT INTO recommendation_runs (status, started_at) VALUES ('RUNNING', ?)", [at]);
    return result.insertId;
  }

  /** The switch: from this statement on, readers see `runId`'s rows. */
  async finishRun(runId: number, at: Date, counts: { learners: number; courses: number; interactions: number }): Promise<void> {
    const result: { affectedRows: number } = await this.ds.query(
      "UPDATE recommendation_runs SET status = 'DONE', finished_at = ?, learners = ?, courses = ?, interactions = ? WHERE id = ? AND status = 'RUNNING'",
      [at, counts.learners, counts.courses, counts.interactions, runId],
    );
    if (result.affectedRows !== 1) throw new Error(`recommendation run ${runId} is no longer running`);
  }

  async abandonRun(runId: number, at: Date): Promise<void> {
    await this.ds.query("UPDATE recommendation_runs SET status = 'ABANDONED', finished_at = ? WHERE id = ? AND status = 'RUNNING'", [at, runId]);
  }

  /** Deletes every generation's rows but `keep`'s (all of them when null): leftovers of dead runs and the replaced generation. */
  async deleteGenerationsExcept(keep: number | null): Promise<void> {
    for (const table of ['recommendations', 'related_courses', 'course_popularity']) {
      for (;;) {
        const result: { affectedRows: number } = await this.ds.query(
          keep === null ? `DELETE FROM ${table} LIMIT ${DELETE_CHUNK}` : `DELETE FROM ${table} WHERE generation <> ? LIMIT ${DELETE_CHUNK}`,
          keep === null ? [] : [keep],
        );
        if (result.affectedRows < DELETE_CHUNK) break;
      }
    }
  }

  async writeRecommendations(generation: number, lists: RankedList[], manager: EntityManager | DataSource = this.ds): Promise<void> {
    await insertRanked(manager, 'recommendations', 'user_id', 'course_id', generation, lists);
  }

  async writeRelated(generation: number, lists: RankedList[]): Promise<void> {
    await insertRanked(this.ds, 'related_courses', 'course_id', 'related_course_id', generation, lists);
  }

  async writePopularity(generation: number, scores: Array<readonly [courseId: number, score: number]>): Promise<void> {
    for (let i = 0; i < scores.length; i += INSERT_CHUNK) {
      const values = scores.slice(i, i + INSERT_CHUNK).map(([courseId, score]) => [generation, courseId, score]);
      await this.ds.query('INSERT INTO course_popularity (generation, course_id, score) VALUES ?', [values]);
    }
  }

  /** A learner's list in `generation`, replaced whole in one transaction (an empty list removes it). */
  async replaceLearner(generation: number, list: RankedList): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM recommendations WHERE generation = ? AND user_id = ?', [generation, list.ownerId]);
      await this.writeRecommendations(generation, [list], m);
    });
  }

  /** Every course's stored neighbours in `generation`: [course, neighbour, similarity], at most courses × k rows. */
  async neighbours(generation: number): Promise<Array<[number, number, number]>> {
    const rows: Row[] = await this.ds.query('SELECT course_id, related_course_id, score FROM related_courses WHERE generation = ? ORDER BY course_id, position', [
      generation,
    ]);
    return rows.map((r) => [Number(r.course_id), Number(r.related_course_id), Number(r.score)]);
  }

  async popularity(generation: number): Promise<Map<number, number>> {
    const rows: Row[] = await this.ds.query('SELECT course_id, score FROM course_popularity WHERE generation = ?', [generation]);
    return new Map(rows.map((r) => [Number(r.course_id), Number(r.score)]));
  }

  /** A learner's stored recommendations in the current generation, best first. */
  async learnerList(userId: number): Promise<number[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT course_id FROM recommendations WHERE generation = ${CURRENT_GENERATION} AND user_id = ? ORDER BY position`,
      [userId],
    );
    return rows.map((r) => Number(r.course_id));
  }

  /** A course's stored neighbours in the current generation, most similar first. */
  async relatedList(courseId: number): Promise<number[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT related_course_id FROM related_courses WHERE generation = ${CURRENT_GENERATION} AND course_id = ? ORDER BY position`,
      [courseId],
    );
    return rows.map((r) => Number(r.related_course_id));
  }

  /**
   * Published courses by the current generation's popularity, then by sales (which also orders them
   * before the first run, and courses newer than it).
   */
  async popularList(limit: number, categoryId: number | null = null): Promise<number[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT c.id FROM courses c LEFT JOIN course_popularity p ON p.generation = ${CURRENT_GENERATION} AND p.course_id = c.id
        WHERE c.status = 'PUBLISHED' ${categoryId === null ? '' : 'AND c.category_id = ?'}
        ORDER BY COALESCE(p.score, 0) DESC, c.sales_count DESC, c.id DESC LIMIT ?`,
      categoryId === null ? [limit] : [categoryId, limit],
    );
    return rows.map((r) => Number(r.id));
  }

  /** What a learner must not be offered: courses they are (or were) enrolled in and their own. */
  async ownedBy(userId: number): Promise<Set<number>> {
    const rows: Row[] = await this.ds.query('SELECT course_id FROM enrollments WHERE user_id = ? UNION SELECT id FROM courses WHERE creator_id = ?', [
      userId,
      userId,
    ]);
    return new Set(rows.map((r) => Number(r.course_id)));
  }
}

async function insertRanked(
  db: EntityManager | DataSource,
  table: string,
  ownerColumn: string,
  itemColumn: string,
  generation: number,
  lists: RankedList[],
): Promise<void> {
  const values: Array<[number, number, number, number, number]> = [];
  const flush = async () => {
    if (values.length) await db.query(`INSERT INTO ${table} (generation, ${ownerColumn}, position, ${itemColumn}, score) VALUES ?`, [values.splice(0)]);
  };
  for (const list of lists) {
    for (let p = 0; p < list.courseIds.length; p++) values.push([generation, list.ownerId, p + 1, list.courseIds[p]!, list.scores[p]!]);
    if (values.length >= INSERT_CHUNK) await flush();
  }
  await flush();
}
