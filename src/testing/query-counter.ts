/**
 * Counts the SQL statements an app sends, for "no N+1" tests (QUALITY.md: the query count of every
 * list page is the same for 10 and for 1,000 items). The counting Db shares the pool of the one it
 * wraps; build a test app on it with testApp(counter.db).
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Db } from '../db/database.ts';

export type QueryCounter = { db: Db; count: () => number; reset: () => void };

export function countingDb(db: Db): QueryCounter {
  let queries = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      queries += 1;
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), count: () => queries, reset: () => (queries = 0) };
}
