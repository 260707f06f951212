import type { PricedRecord } from '../types.js';
import { type Group, groupRecords } from './group.js';
import { projectPathOf } from './sessions.js';

export interface ProjectRow extends Group {
  /** The folder under `projects/`. */
  project: string;
  /** The real path, from the `cwd` its requests name. */
  projectPath: string;
}

/** One row per project folder, labelled with its real path; most expensive first. */
export function projectRows(selected: PricedRecord[]): ProjectRow[] {
  const byProject = new Map<string, PricedRecord[]>();
  for (const record of selected) {
    const list = byProject.get(record.project);
    if (list === undefined) byProject.set(record.project, [record]);
    else list.push(record);
  }
  return groupRecords(selected, (record) => record.project)
    .map((group) => ({
      ...group,
      project: group.key,
      projectPath: projectPathOf(byProject.get(group.key) ?? []),
    }))
    .sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : 1));
}
