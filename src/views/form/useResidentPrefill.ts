import { useEffect, useRef, useState } from "react";
import { useWatch, type Control, type UseFormGetValues, type UseFormSetValue } from "react-hook-form";
import { downloadAttachment } from "@/data/attachmentStorage";
import { fetchPreviousApplication } from "@/data/fetchPreviousApplication";
import { fetchResidentFacts, type ResidentFacts } from "@/data/fetchResidentFacts";
import { fetchResident } from "@/data/residents";
import type { StoredFile } from "@/field-types";
import type { ServiceDefinition } from "@/services/schema";
import type { RecordFormValues } from "./recordResolver";
import { copyFiles, isEmptyAnswer, isWritableAttribute, residentPrefillValues, reusableFiles, reusedAnswers } from "./residentPrefill";

export interface ResidentPrefill {
  /** the person the resident field names (null: nobody) */
  residentId: string | null;
  /** what the database's eligibility check reads about them today (age, current tags); null until known */
  facts: ResidentFacts | null;
  /**
   * field key → the value the picked person gave it (masks for ID number and phone), from the
   * registry (prefillFrom) or from their previous application (reuse: masks for sensitive answers;
   * for files, the user's own copies of that application's files)
   */
  values: Readonly<Record<string, unknown>>;
  /** the previous application the `reuse` fields came from (null: none the user reads, or none reused) */
  previous: { id: string; createdAt: string } | null;
  /** whether the field's value came from the previous application (else from the registry) */
  reused(key: string): boolean;
  /** the person's row_version when read: the write-back sends it + 1 */
  residentVersion: number | null;
  /** pre-filled fields whose correction staff asked to write back (同时更新居民档案) */
  writeBack: ReadonlySet<string>;
  setWriteBack(key: string, on: boolean): void;
  /** whether a field's correction may be written back (the ID number may not) */
  writable(key: string): boolean;
}

/** How the form copies a previous application's files: its own upload (limits, error notice) and its current answers. */
export interface FileReuse {
  uploadFile(file: File): Promise<StoredFile>;
  getValues: UseFormGetValues<RecordFormValues>;
}

/**
 * The `resident` field's effect on the rest of the form: when a person is picked (not when an
 * edit opens with one), the fields whose `prefillFrom` names a registry attribute get the
 * person's values, the fields marked `reuse` the answers of their newest previous application of
 * this service the user reads — its files copied into the user's own uploads (`files`), since a
 * record references only its writer's uploads — and the form remembers what it filled so the
 * inputs can say so (and offer the write-back of a registry value's correction).
 */
export function useResidentPrefill(
  serviceId: string,
  definition: ServiceDefinition,
  control: Control<RecordFormValues>,
  setValue: UseFormSetValue<RecordFormValues>,
  files?: FileReuse,
): ResidentPrefill {
  const residentKey = definition.fields.find((field) => field.type === "resident")?.key;
  const picked = useWatch({ control, name: `data.${residentKey ?? "__none__"}` as `data.${string}` });
  const seen = useRef<unknown>(picked);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [reused, setReused] = useState<Record<string, unknown>>({});
  const [previous, setPrevious] = useState<{ id: string; createdAt: string } | null>(null);
  const [residentVersion, setResidentVersion] = useState<number | null>(null);
  const [writeBack, setWriteBackKeys] = useState<ReadonlySet<string>>(new Set());
  const [facts, setFacts] = useState<ResidentFacts | null>(null);
  const fileReuse = useRef(files);
  fileReuse.current = files;

  useEffect(() => {
    if (!residentKey || picked === seen.current) return;
    seen.current = picked;
    setWriteBackKeys(new Set());
    setFacts(null);
    setReused({});
    setPrevious(null);
    if (typeof picked !== "string" || picked === "") {
      setValues({});
      setResidentVersion(null);
      return;
    }
    const reusing = definition.fields.some((field) => field.reuse);
    if (reusing)
      void fetchPreviousApplication(serviceId, picked).then(
        (found) => {
          if (seen.current !== picked || !found) return;
          const from = { id: found.id, createdAt: found.created_at };
          const answers = reusedAnswers(definition.fields, found.data);
          if (Object.keys(answers).length > 0) {
            for (const [key, value] of Object.entries(answers)) setValue(`data.${key}`, value, { shouldDirty: true });
            setReused((known) => ({ ...known, ...answers }));
            setPrevious(from);
          }
          // files: copied one field at a time into the user's own uploads; a copy failing (the
          // upload's notice says why) or staff uploading meanwhile leaves the field as it is
          const reuse = fileReuse.current;
          if (!reuse) return;
          for (const [key, list] of Object.entries(reusableFiles(definition.fields, found.data)))
            void copyFiles(list, downloadAttachment, reuse.uploadFile).then(
              (copies) => {
                if (seen.current !== picked || !isEmptyAnswer(reuse.getValues(`data.${key}`))) return;
                setValue(`data.${key}`, copies, { shouldDirty: true, shouldValidate: true });
                setReused((known) => ({ ...known, [key]: copies }));
                setPrevious(from);
              },
              () => undefined,
            );
        },
        () => undefined,
      );
    // age and tags as the database reads them: the derived age and the eligibility check before submit
    void fetchResidentFacts(picked).then(
      (known) => seen.current === picked && setFacts(known),
      () => undefined,
    );
    void fetchResident(picked).then(
      (detail) => {
        // a later pick wins
        if (seen.current !== picked || !detail) return;
        const filled = residentPrefillValues(definition.fields, detail.resident, detail.gridCode);
        for (const [key, value] of Object.entries(filled)) setValue(`data.${key}`, value, { shouldDirty: true });
        setValues(filled);
        setResidentVersion(detail.resident.row_version);
      },
      () => undefined,
    );
  }, [picked, residentKey, serviceId, definition.fields, setValue]);

  const attributeOf = (key: string) => definition.fields.find((field) => field.key === key)?.prefillFrom;
  return {
    residentId: residentKey && typeof picked === "string" && picked !== "" ? picked : null,
    facts,
    values: { ...reused, ...values },
    previous,
    reused: (key) => key in reused && !(key in values),
    residentVersion,
    writeBack,
    setWriteBack: (key, on) =>
      setWriteBackKeys((keys) => {
        const next = new Set(keys);
        if (on) next.add(key);
        else next.delete(key);
        return next;
      }),
    writable: (key) => {
      const attribute = attributeOf(key);
      return attribute !== undefined && isWritableAttribute(attribute);
    },
  };
}
