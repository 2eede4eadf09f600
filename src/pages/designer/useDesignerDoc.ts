// The designer's document and its life: loaded from the service's draft (or its current
// version), changed by the concern pages, undone and redone, saved automatically as one RPC
// (never half-saved), and stopped — never overwritten — when another administrator saved first.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Json } from "@/data/database.types";
import { fetchServiceForDesign, fetchServiceVersions, publishService, saveServiceDraft, type ServiceRow, type ServiceVersionRow } from "@/data/serviceAdmin";
import { toHttpError } from "@/lib/supabase/errors";
import { definitionInProgress } from "../services/serviceSource";
import type { DesignerDoc, DraftDefinition, DraftField } from "./designerDoc";

const AUTOSAVE_DELAY_MS = 1200;
const HISTORY_LIMIT = 100;

export type SaveState =
  | { kind: "saved"; at: Date | null }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "failed"; error: unknown }
  /** someone else saved since we loaded: who, when, and their definition (to show what they changed) */
  | { kind: "conflict"; by: string | null; at: string | null; theirs: DraftDefinition | null };

interface HistoryEntry {
  doc: DesignerDoc;
  label?: string;
}

export interface DesignerState {
  loading: boolean;
  loadError: unknown;
  service: ServiceRow | null;
  versions: ServiceVersionRow[];
  doc: DesignerDoc | null;
  /** The definition as last saved or loaded: what a conflict is measured against. */
  base: DraftDefinition | null;
  save: SaveState;
  change(recipe: (doc: DesignerDoc) => DesignerDoc, label?: string): void;
  /** Replaces the whole draft (JSON import), undoable like any change. */
  replace(definition: DraftDefinition, label: string): void;
  undo(): void;
  redo(): void;
  undoLabel: string | undefined;
  redoLabel: string | undefined;
  /** Saves now (before publishing); resolves false when the save did not go through. */
  flush(): Promise<boolean>;
  publish(): Promise<ServiceRow>;
  /** Drops local changes and loads what the database holds (after a conflict). */
  reload(): Promise<void>;
}

function docOf(service: ServiceRow, versions: ServiceVersionRow[]): DesignerDoc {
  const definition = definitionInProgress(service, versions) ?? ({} as DraftDefinition);
  const removed = Array.isArray(service.draft_removed_fields) ? (service.draft_removed_fields as unknown as DraftField[]) : [];
  return { definition, removedFields: removed };
}

export function useDesignerDoc(serviceId: string): DesignerState {
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [service, setService] = useState<ServiceRow | null>(null);
  const [versions, setVersions] = useState<ServiceVersionRow[]>([]);
  const [doc, setDoc] = useState<DesignerDoc | null>(null);
  const [base, setBase] = useState<DraftDefinition | null>(null);
  const [past, setPast] = useState<HistoryEntry[]>([]);
  const [future, setFuture] = useState<HistoryEntry[]>([]);
  const [save, setSave] = useState<SaveState>({ kind: "saved", at: null });

  // what the save loop reads: the latest doc, the row_version the database holds for us
  const docRef = useRef<DesignerDoc | null>(null);
  const rowVersionRef = useRef(0);
  const dirtyRef = useRef(false);
  const savingRef = useRef<Promise<boolean> | null>(null);
  const conflictRef = useRef(false);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setLoadError(null);
    try {
      const [row, allVersions] = await Promise.all([fetchServiceForDesign(serviceId), fetchServiceVersions(serviceId)]);
      if (!row) throw new Error("service_not_found");
      const loaded = docOf(row, allVersions);
      setService(row);
      setVersions(allVersions);
      setDoc(loaded);
      setBase(loaded.definition);
      setPast([]);
      setFuture([]);
      docRef.current = loaded;
      rowVersionRef.current = row.row_version;
      dirtyRef.current = false;
      conflictRef.current = false;
      setSave({ kind: "saved", at: null });
    } catch (e) {
      setLoadError(e);
    } finally {
      setLoading(false);
    }
  }, [serviceId]);

  useEffect(() => {
    void load();
  }, [load]);

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (savingRef.current) await savingRef.current;
    if (!dirtyRef.current || conflictRef.current || !docRef.current) return !conflictRef.current;
    const sending = docRef.current;
    dirtyRef.current = false;
    setSave({ kind: "saving" });
    const attempt = (async () => {
      try {
        const row = await saveServiceDraft(serviceId, sending.definition as unknown as Json, sending.removedFields as unknown as Json, rowVersionRef.current);
        rowVersionRef.current = row.row_version;
        setService(row);
        setBase(sending.definition);
        // changes made while this save was in flight are saved by the next round
        setSave(dirtyRef.current ? { kind: "pending" } : { kind: "saved", at: new Date() });
        return true;
      } catch (e) {
        const error = toHttpError(e);
        if (error.message === "stale_service") {
          conflictRef.current = true;
          dirtyRef.current = true;
          let detail: { updated_by_name?: string | null; updated_at?: string | null } = {};
          try {
            detail = JSON.parse(error.details ?? "{}");
          } catch {
            // the hint still names who
          }
          const theirs = await fetchServiceForDesign(serviceId).catch(() => null);
          setSave({
            kind: "conflict",
            by: detail.updated_by_name ?? null,
            at: detail.updated_at ?? null,
            theirs: theirs ? ((theirs.draft ?? null) as unknown as DraftDefinition | null) : null,
          });
        } else {
          dirtyRef.current = true;
          setSave({ kind: "failed", error: e });
        }
        return false;
      }
    })();
    savingRef.current = attempt;
    const ok = await attempt;
    savingRef.current = null;
    return ok;
  }, [serviceId]);

  const schedule = useCallback(() => {
    if (timerRef.current) clearTimeout(timerRef.current);
    if (conflictRef.current) return;
    setSave({ kind: "pending" });
    timerRef.current = setTimeout(() => {
      timerRef.current = null;
      void saveNow().then((ok) => {
        if (ok && dirtyRef.current && !conflictRef.current) schedule();
      });
    }, AUTOSAVE_DELAY_MS);
  }, [saveNow]);

  useEffect(
    () => () => {
      if (timerRef.current) clearTimeout(timerRef.current);
    },
    [],
  );

  // leaving the page with unsaved changes: save them on the way out, and let the browser ask
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      if (dirtyRef.current && !conflictRef.current) void saveNow();
    };
  }, [saveNow]);

  const apply = useCallback(
    (next: DesignerDoc, entry: HistoryEntry | null) => {
      docRef.current = next;
      dirtyRef.current = true;
      setDoc(next);
      if (entry) {
        setPast((items) => [...items.slice(-(HISTORY_LIMIT - 1)), entry]);
        setFuture([]);
      }
      schedule();
    },
    [schedule],
  );

  const change = useCallback(
    (recipe: (doc: DesignerDoc) => DesignerDoc, label?: string) => {
      const current = docRef.current;
      if (!current || conflictRef.current) return;
      const next = recipe(current);
      if (next === current) return;
      apply(next, { doc: current, label });
    },
    [apply],
  );

  const replace = useCallback((definition: DraftDefinition, label: string) => change((current) => ({ ...current, definition }), label), [change]);

  const undo = useCallback(() => {
    const current = docRef.current;
    const last = past[past.length - 1];
    if (!current || !last || conflictRef.current) return;
    setPast(past.slice(0, -1));
    setFuture((items) => [...items, { doc: current, label: last.label }]);
    apply(last.doc, null);
  }, [past, apply]);

  const redo = useCallback(() => {
    const current = docRef.current;
    const next = future[future.length - 1];
    if (!current || !next || conflictRef.current) return;
    setFuture(future.slice(0, -1));
    setPast((items) => [...items, { doc: current, label: next.label }]);
    apply(next.doc, null);
  }, [future, apply]);

  const flush = useCallback(async () => {
    if (timerRef.current) {
      clearTimeout(timerRef.current);
      timerRef.current = null;
    }
    return saveNow();
  }, [saveNow]);

  const publish = useCallback(async () => {
    if (!(await flush())) throw new Error(conflictRef.current ? "stale_service" : "save_failed");
    const row = await publishService(serviceId, null, rowVersionRef.current);
    await load();
    return row;
  }, [flush, load, serviceId]);

  return useMemo(
    () => ({
      loading,
      loadError,
      service,
      versions,
      doc,
      base,
      save,
      change,
      replace,
      undo,
      redo,
      undoLabel: past.length > 0 ? (past[past.length - 1].label ?? "") : undefined,
      redoLabel: future.length > 0 ? (future[future.length - 1].label ?? "") : undefined,
      flush,
      publish,
      reload: load,
    }),
    [loading, loadError, service, versions, doc, base, save, change, replace, undo, redo, past, future, flush, publish, load],
  );
}
