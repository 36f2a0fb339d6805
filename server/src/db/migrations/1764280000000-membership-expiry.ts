import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Memberships whose term ended are marked EXPIRED by the jobs' sweep (and their members told). */
export class MembershipExpiry1764280000000 implements MigrationInterface {
  name = 'MembershipExpiry1764280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("ALTER TABLE `memberships` MODIFY `status` enum ('ACTIVE', 'EXPIRED', 'REVOKED') NOT NULL DEFAULT 'ACTIVE'");
  }

  async down(q: QueryRunner): Promise<void> {
    // An ended ACTIVE term opens nothing (its ends_at is past), which is what EXPIRED said.
    await q.query("UPDATE `memberships` SET `status` = 'ACTIVE' WHERE `status` = 'EXPIRED'");
    await q.query("ALTER TABLE `memberships` MODIFY `status` enum ('ACTIVE', 'REVOKED') NOT NULL DEFAULT 'ACTIVE'");
  }
}
