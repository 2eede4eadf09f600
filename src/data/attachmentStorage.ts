// Attachments live in Storage bucket `record-attachments`; a record's data holds only the
// descriptor {path, name, size, mime}, the original (often Chinese) file name included.
import { toHttpError } from "@/lib/supabase/errors";
import { asciiFileName } from "./asciiFileName";
import { supabase } from "./client";

/** The descriptor an attachment answer stores (field-types' StoredFile has the same shape). */
export interface UploadedFile {
  path: string;
  name: string;
  size: number;
  mime: string;
}

export const attachmentBucket = "record-attachments";

/** Signed URLs are short-lived on purpose: a copied link to an ID card photo should expire. */
const signedUrlSeconds = 300;
/** Reuse a URL while it has comfortably more than a minute left. */
const reuseMs = (signedUrlSeconds - 60) * 1000;

/** `<auth uid>/<uuid>/<ascii name>`: the first folder is what the bucket's policies check. */
export async function uploadAttachment(file: File): Promise<UploadedFile> {
  const { data: session } = await supabase.auth.getSession();
  const uid = session.session?.user.id;
  if (!uid) throw toHttpError({ code: "session_not_found", message: "No session" });
  const path = `${uid}/${crypto.randomUUID()}/${asciiFileName(file.name)}`;
  const mime = file.type || "application/octet-stream";
  const { error } = await supabase.storage.from(attachmentBucket).upload(path, file, { contentType: mime, upsert: false });
  if (error) throw toHttpError(error);
  return { path, name: file.name, size: file.size, mime };
}

/**
 * The bytes of a stored file the user may read (their unattached upload, or a file of a record
 * they read: the bucket's select policy). The form copies a previous application's files with it.
 */
export async function downloadAttachment(path: string): Promise<Blob> {
  const { data, error } = await supabase.storage.from(attachmentBucket).download(path);
  if (error) throw toHttpError(error);
  return data;
}

const signed = new Map<string, { url: string; at: number }>();

export async function attachmentUrl(path: string): Promise<string> {
  const cached = signed.get(path);
  if (cached && Date.now() - cached.at < reuseMs) return cached.url;
  const { data, error } = await supabase.storage.from(attachmentBucket).createSignedUrl(path, signedUrlSeconds);
  if (error) throw toHttpError(error);
  signed.set(path, { url: data.signedUrl, at: Date.now() });
  return data.signedUrl;
}
