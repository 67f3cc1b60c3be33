/**
 * The pages bench's baseline (bench/pages.ts): a bare Fastify server in the same process model as
 * Chorus (its own Node process, one instance), answering one small HTML page. What Chorus's pages
 * are measured against, in the same run on the same machine.
 */
import Fastify from 'fastify';

const page = '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Bare page</title></head><body><main><h1>Hello</h1><p>A bare Fastify page.</p></main></body></html>';

const app = Fastify({ logger: false });
app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
