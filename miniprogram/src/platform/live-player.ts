/** The player page of WeChat's mini-program live plugin (小程序直播, provider wx2b03c6e691cd7370) for a room. */
export function livePlayerUrl(roomId: string): string {
  return `plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=${encodeURIComponent(roomId)}`;
}
