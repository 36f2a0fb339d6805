import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A live session's stream, per platform: `wechat_live_room_id` (the room of WeChat's mini-program live
 * plugin, 小程序直播) for the mini-program, `hls_url` for browsers. Both optional; the column was
 * `weapp_room_id`.
 */
export class LiveStreamSettings1764241500000 implements MigrationInterface {
  name = 'LiveStreamSettings1764241500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `live_sessions` CHANGE `weapp_room_id` `wechat_live_room_id` varchar(64) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE `live_sessions` CHANGE `wechat_live_room_id` `weapp_room_id` varchar(64) NULL');
  }
}
