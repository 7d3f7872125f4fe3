/**
 * A Kysely query built and compiled once, then run with new parameter values. Building and compiling the same
 * query again on every request (select parsing, the operation-node tree, the compiler's visits) was ≈ 9 % of the
 * server's CPU in the sign-up race; the hot per-request queries (session lookup, sign-up) skip that.
 *
 * `build` is called once, with `placeholders`: distinct values, each of which must end up as a parameter of the
 * compiled query (a value the query builder turns into SQL text instead, or transforms, is refused at the first
 * run). Later runs put the caller's values where the placeholders were.
 */
import type { CompiledQuery, Kysely, QueryResult, Transaction } from "kysely";
import type { Database } from "./schema";

type Executor = Kysely<Database> | Transaction<Database>;

export function precompile<Args extends readonly unknown[], Row>(
  build: (...args: Args) => { compile(): CompiledQuery<Row> },
  placeholders: Args,
): (executor: Executor, ...args: Args) => Promise<QueryResult<Row>> {
  let compiled: { query: CompiledQuery<Row>; positions: number[] } | undefined;
  return async (executor, ...args) => {
    if (!compiled) {
      const query = build(...placeholders).compile();
      const positions = query.parameters.map((value) => placeholders.indexOf(value));
      if (new Set(placeholders).size !== placeholders.length || positions.includes(-1) || placeholders.some((_, i) => !positions.includes(i))) {
        throw new Error(`precompile: every placeholder must be a distinct parameter of the query (${query.sql})`);
      }
      compiled = { query, positions };
    }
    const { query, positions } = compiled;
    return executor.executeQuery<Row>({ ...query, parameters: positions.map((i) => args[i]) });
  };
}
