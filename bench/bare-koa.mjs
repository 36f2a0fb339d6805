/**
 * The ceiling for the API bench: Koa 3 answering a small JSON body with no middleware, on the same
 * machine, measured by the same load generator. Whatever the API loses against this is our own cost.
 */
import Koa from 'koa';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('bare-koa: set PORT to the port to listen on');
  process.exit(1);
}

const app = new Koa();
app.use((ctx) => {
  ctx.body = { hello: 'world' };
});

const server = app.listen(port, '127.0.0.1', () => console.log(`bare koa listening on ${port}`));
server.keepAliveTimeout = 65_000;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
