// What the local Personalize knows: every interaction (bulk-imported or received through PutEvents), kept
// columnar for training and per user for serving and filters, plus item and user metadata.
import type { TrainingData } from "../model/train.ts";
import { invalidInput } from "../errors.ts";
import type { Interaction, MetadataValue } from "./datasets.ts";

/** Strings <-> dense indices; indices never change, so a trained model's indices stay valid as data grows. */
export class IdDictionary {
  private readonly indexById = new Map<string, number>();
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }
  indexOf(id: string): number | undefined {
    return this.indexById.get(id);
  }
  idAt(index: number): string {
    const id = this.ids[index];
    if (id === undefined) throw new RangeError(`No id at index ${index}.`);
    return id;
  }
  intern(id: string): number {
    let index = this.indexById.get(id);
    if (index === undefined) {
      index = this.ids.length;
      this.ids.push(id);
      this.indexById.set(id, index);
    }
    return index;
  }
}

/**
 * A user's items, each with the event types seen for it as a bit mask over InteractionLog.eventTypes (one
 * number per item rather than a Set keeps a large history cheap for the garbage collector).
 */
export type UserHistory = ReadonlyMap<number, number>;

/** Event types are bits of a 32-bit mask. */
export const maxEventTypes = 32;

export class InteractionLog {
  readonly users = new IdDictionary();
  readonly items = new IdDictionary();
  /** Lower-cased: Personalize matches event types ignoring case. */
  readonly eventTypes = new IdDictionary();
  private userColumn = new Int32Array(1024);
  private itemColumn = new Int32Array(1024);
  private timestampColumn = new Float64Array(1024);
  private length = 0;
  private readonly histories: Array<Map<number, number>> = [];
  /** PutEvents' eventId: "subsequent events after the first with the same event ID are not used in model training". */
  private readonly eventIds = new Set<string>();

  get count(): number {
    return this.length;
  }

  /** Records one interaction; false when its eventId was seen before (a retried batch), so nothing counts twice. */
  add(interaction: Interaction, eventId?: string): boolean {
    const eventType = (interaction.eventType ?? "").toLowerCase();
    if (this.eventTypes.indexOf(eventType) === undefined && this.eventTypes.size === maxEventTypes) {
      throw invalidInput(`The local Personalize keeps at most ${maxEventTypes} distinct event types; "${interaction.eventType}" would be one more.`);
    }
    if (eventId !== undefined) {
      if (this.eventIds.has(eventId)) return false;
      this.eventIds.add(eventId);
    }
    const user = this.users.intern(interaction.userId);
    const item = this.items.intern(interaction.itemId);
    if (this.length === this.itemColumn.length) this.grow();
    this.userColumn[this.length] = user;
    this.itemColumn[this.length] = item;
    this.timestampColumn[this.length] = interaction.timestamp;
    this.length++;
    const history = (this.histories[user] ??= new Map());
    history.set(item, (history.get(item) ?? 0) | (1 << this.eventTypes.intern(eventType)));
    return true;
  }

  /** The mask of the listed event types (any case) that have been seen; "*" stands for all of them. */
  eventTypeMask(types: readonly string[]): number {
    let mask = 0;
    for (const type of types) {
      if (type === "*") return -1;
      const index = this.eventTypes.indexOf(type.toLowerCase());
      if (index !== undefined) mask |= 1 << index;
    }
    return mask;
  }

  historyOf(userId: string): UserHistory | undefined {
    const user = this.users.indexOf(userId);
    return user === undefined ? undefined : this.histories[user];
  }

  /** A copy of every interaction so far, for a training run (the copy can be moved to a worker). */
  snapshot(): TrainingData {
    return {
      users: this.userColumn.slice(0, this.length),
      items: this.itemColumn.slice(0, this.length),
      timestamps: this.timestampColumn.slice(0, this.length),
      userCount: this.users.size,
      itemCount: this.items.size,
    };
  }

  private grow(): void {
    const capacity = this.itemColumn.length * 2;
    const users = new Int32Array(capacity);
    users.set(this.userColumn);
    const items = new Int32Array(capacity);
    items.set(this.itemColumn);
    const timestamps = new Float64Array(capacity);
    timestamps.set(this.timestampColumn);
    this.userColumn = users;
    this.itemColumn = items;
    this.timestampColumn = timestamps;
  }
}

/** Field name (upper case, as in the dataset schema) -> values (one, or several for a multi-valued categorical field). */
export type Metadata = ReadonlyMap<string, readonly string[]>;

/** The items or users dataset: each put replaces the record, like PutItems / PutUsers. */
export class MetadataTable {
  private readonly records = new Map<string, Metadata>();

  get size(): number {
    return this.records.size;
  }
  get(id: string): Metadata | undefined {
    return this.records.get(id);
  }
  ids(): IterableIterator<string> {
    return this.records.keys();
  }
  put(id: string, fields: Readonly<Record<string, MetadataValue>>): void {
    const record = new Map<string, readonly string[]>();
    for (const [name, value] of Object.entries(fields)) {
      const values = typeof value === "object" ? value.map(String) : String(value).split("|");
      record.set(name.toUpperCase(), values);
    }
    this.records.set(id, record);
  }
}
