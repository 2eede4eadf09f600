import { type Language, pickText } from "@/contract";
import type { PublishedService } from "@/views/hooks/publishedService";

/** The service's name in the reader's language: `services.name` is Chinese; the definition may carry name_en. */
export function serviceName(service: PublishedService, language: Language): string {
  return service.parsed.ok ? pickText(language, service.name, service.parsed.definition.name_en) : service.name;
}

/** The menu group heading in the reader's language: `services.category` is Chinese; the definition may carry category_en. */
export function serviceCategory(service: PublishedService, language: Language): string {
  return service.parsed.ok ? pickText(language, service.category, service.parsed.definition.category_en) : service.category;
}
