# server.ftl: the portal's server and what it refuses beyond a limit.
# Ids start with `server-`; the French file locales/fr/server.ftl has the same ids and variables.

## The operator's warnings, at start and while serving (on standard error)

server-open-address = the portal listens on { $addr }, which is not a loopback address, without --behind-proxy: serve it behind a reverse proxy with TLS, on 127.0.0.1 and with --behind-proxy
server-forwarded-ignored = a request came through a proxy (X-Forwarded-For) while the portal was started without --behind-proxy: every client has the proxy's address (sign-in limits, audit log); start it again with --behind-proxy
server-accept-failed = a connection could not be accepted: { $error }

## The pages

server-error-reference = Reference of the error: { $id }. Give it to the coordinator if you call.
server-over-limit = A value is longer than its limit: nothing was saved. Shorten it, then save again.
server-too-many-saves = Too many saves in one minute: nothing was saved. Try again in a moment.
server-too-many-unknown-links = Too many unknown links from your address: try again in a minute. If you copied your personal link, check that it is whole, or ask the coordinator for a new one.
