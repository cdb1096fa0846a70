# A throwaway nginx on 127.0.0.1 for tests and benchmarks: a temporary
# config, one process (no master), stopped with nginx_stop. Source this
# file from a POSIX sh script.
#
# nginx_start DIR ROOT [HTTP_EXTRA [SERVER_EXTRA]]
#   DIR           absolute folder for its config, pid, temp folders and logs
#                 (DIR/nginx-access.log in nginx's default format,
#                 DIR/nginx-error.log)
#   ROOT          the folder it serves (ETag and Last-Modified on)
#   HTTP_EXTRA    more directives for the http block (gzip, log_format ...)
#   SERVER_EXTRA  more for the server block (a location, a rewrite ...)
#   "@PORT@" in either is replaced by the port.
# Picks a free port the kernel hands out, starts nginx and waits until it
# has bound the port (it writes its pid file then). Sets NGINX_PORT and
# NGINX_PID. Returns 1, with nginx's own words on stderr, when it does not
# start.
nginx_start() {
    _ng_dir=$1 _ng_root=$2
    _ng_bin=$(command -v nginx || echo /usr/sbin/nginx)
    if [ ! -x "$_ng_bin" ]; then
        echo "nginx is missing (make deps installs it)" >&2
        return 1
    fi
    NGINX_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    _ng_http=$(printf '%s' "${3:-}" | sed "s/@PORT@/$NGINX_PORT/g")
    _ng_server=$(printf '%s' "${4:-}" | sed "s/@PORT@/$NGINX_PORT/g")
    mkdir -p "$_ng_dir/nginx-tmp"
    rm -f "$_ng_dir/nginx.pid"
    cat > "$_ng_dir/nginx.conf" << END
daemon off;
master_process off;
pid $_ng_dir/nginx.pid;
error_log $_ng_dir/nginx-error.log;
events { worker_connections 64; }
http {
    access_log $_ng_dir/nginx-access.log;
    client_body_temp_path $_ng_dir/nginx-tmp/body;
    proxy_temp_path $_ng_dir/nginx-tmp/proxy;
    fastcgi_temp_path $_ng_dir/nginx-tmp/fastcgi;
    uwsgi_temp_path $_ng_dir/nginx-tmp/uwsgi;
    scgi_temp_path $_ng_dir/nginx-tmp/scgi;
    types { application/json json; image/svg+xml svg; image/png png; image/jpeg jpg; }
    $_ng_http
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $_ng_root;
        etag on;
        $_ng_server
    }
}
END
    "$_ng_bin" -e "$_ng_dir/nginx-error.log" -p "$_ng_dir" -c "$_ng_dir/nginx.conf" > "$_ng_dir/nginx.out" 2>&1 &
    NGINX_PID=$!
    _ng_tries=0
    while [ ! -s "$_ng_dir/nginx.pid" ] && kill -0 "$NGINX_PID" 2> /dev/null && [ $_ng_tries -lt 100 ]; do
        sleep 0.1
        _ng_tries=$((_ng_tries + 1))
    done
    if [ ! -s "$_ng_dir/nginx.pid" ]; then
        cat "$_ng_dir/nginx-error.log" "$_ng_dir/nginx.out" >&2 2> /dev/null
        nginx_stop
        return 1
    fi
}

nginx_stop() {
    if [ -n "${NGINX_PID:-}" ]; then
        kill "$NGINX_PID" 2> /dev/null
        wait "$NGINX_PID" 2> /dev/null
    fi
    NGINX_PID=
}
