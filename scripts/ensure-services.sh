#!/usr/bin/env bash
# Makes sure MySQL (MariaDB) and Redis answer on the addresses in DATABASE_URL and REDIS_URL
# (`ensure-services.sh browser`: that Chromium and a Chinese font are there, for the browser test).
# Local services that are installed but stopped are started; on a bare Debian machine, running as
# root, they are installed from Debian's packages first. Remote services are only checked. The font
# the digest charts need is installed the same way when missing.
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-mysql://root@127.0.0.1:3306/knowpay}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

say() { printf '[services] %s\n' "$*"; }
is_local() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" || "$1" == "::1" ]]; }

# host and port out of scheme://user:pass@host:port/path
url_host() { local rest="${1#*://}"; rest="${rest#*@}"; rest="${rest%%/*}"; echo "${rest%%:*}"; }
url_port() { local rest="${1#*://}"; rest="${rest#*@}"; rest="${rest%%/*}"; [[ "$rest" == *:* ]] && echo "${rest##*:}" || echo "$2"; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for() { # name host port
  for _ in $(seq 1 60); do port_open "$2" "$3" && return 0; sleep 0.5; done
  say "$1 did not come up on $2:$3"; return 1
}

apt_install() {
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    say "$1 is not installed; install it (Debian: apt-get install $1) or point the URL at a running server"
    exit 1
  fi
  say "installing $1 from Debian's packages"
  if [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' 2>/dev/null | head -1)" ]]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

has_systemd() { [[ -d /run/systemd/system ]]; }

ensure_mysql() {
  local host port installed=""
  host=$(url_host "$DATABASE_URL"); port=$(url_port "$DATABASE_URL" 3306)
  if port_open "$host" "$port"; then say "MySQL is up on $host:$port"; return; fi
  is_local "$host" || { say "MySQL at $host:$port does not answer"; exit 1; }
  if ! command -v mariadbd >/dev/null && [[ ! -x /usr/sbin/mariadbd ]]; then apt_install mariadb-server; installed=1; fi
  say "starting MariaDB"
  if has_systemd; then systemctl start mariadb; else
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  fi
  wait_for MySQL "$host" "$port"
  if [[ -n "$installed" ]]; then
    # A fresh Debian MariaDB lets root in only through the unix socket; the default DATABASE_URL
    # connects over TCP as root without a password, so allow that for this local development server.
    mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('')" || true
  fi
}

ensure_redis() {
  local host port
  host=$(url_host "$REDIS_URL"); port=$(url_port "$REDIS_URL" 6379)
  if port_open "$host" "$port"; then say "Redis is up on $host:$port"; return; fi
  is_local "$host" || { say "Redis at $host:$port does not answer"; exit 1; }
  command -v redis-server >/dev/null || apt_install redis-server
  say "starting Redis"
  if has_systemd; then systemctl start redis-server; wait_for Redis "$host" "$port"; return; fi
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$port" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/knowpay.log
  wait_for Redis "$host" "$port"
}

# The sales-digest charts are drawn with a font loaded by path (server/src/charts/png-chart.renderer.ts);
# without one that has Chinese glyphs their text shows as boxes. Debian's WenQuanYi Micro Hei is small.
WQY_FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
ensure_cjk_font() {
  if [[ -n "${DIGEST_FONT_FILE:-}" || -f "$WQY_FONT" ]]; then return; fi
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then apt_install fonts-wqy-microhei; return; fi
  say "no $WQY_FONT: install fonts-wqy-microhei (or fonts-noto-cjk), or set DIGEST_FONT_FILE, for Chinese text in digest charts"
}

# The mini-program's browser test drives Debian's Chromium (playwright-core cannot download browsers here);
# only the tests ask for it: `ensure-services.sh browser`.
ensure_chromium() {
  local path="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [[ -x "$path" ]]; then say "Chromium is at $path"; return; fi
  apt_install chromium
}

if [[ "${1:-}" == "browser" ]]; then
  ensure_chromium
  ensure_cjk_font
  exit 0
fi

ensure_mysql
ensure_redis
ensure_cjk_font
