// Every RPC the SPA calls goes through callRpc: the name, the arguments and the answer are those
// of the generated types (database.types.ts), and errors are normalised once (toHttpError).
// An argument with a SQL default is optional and not nullable in the generated types: leave it
// out (undefined) to get the default, as PostgREST does for a missing key.
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";
import type { Database } from "./database.types";

export type Rpcs = Database["public"]["Functions"];
export type RpcName = keyof Rpcs;
export type RpcArgs<Name extends RpcName> = Rpcs[Name]["Args"];
export type RpcReturns<Name extends RpcName> = Rpcs[Name]["Returns"];

export async function callRpc<Name extends RpcName>(name: Name, args: RpcArgs<Name>): Promise<RpcReturns<Name>> {
  const { data, error } = await supabase.rpc(name, args);
  if (error) throw toHttpError(error);
  return data as RpcReturns<Name>;
}
