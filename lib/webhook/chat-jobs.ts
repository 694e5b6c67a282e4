// The chat's jobs, for lib/jobs/registry.ts.
import type { JobDefinition } from "@/lib/jobs/define-job";
import { refreshResidentRichMenuJob } from "@/lib/rich-menus/refresh-resident-menu";
import { relinkAllJob } from "@/lib/rich-menus/relink";
import { dispatchStaleJob, handleEventJob, purgeEventsJob, sendOutboundJob } from "@/lib/webhook/jobs";

export const CHAT_JOBS = [handleEventJob, sendOutboundJob, dispatchStaleJob, purgeEventsJob, refreshResidentRichMenuJob, relinkAllJob] as JobDefinition<never>[];
