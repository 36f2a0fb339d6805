export type DeliveryContent = { text: string } | { file: { name: string; url: string } };

export type Delivery = DeliveryContent & {
  /** Increases by one per delivery in this process: GET /inbox?after= asks for what came since. */
  seq: number;
  contactId: string;
  jobId: string;
  /** When the message was handed to the puppet. */
  at: Date;
};

const PER_CONTACT = 200;

/**
 * What the bot sent on its own (outbox deliveries), per contact, for GET /inbox. In memory and bounded:
 * it lets the mock chat's people and tests see their notifications, it is not a message archive.
 */
export class DeliveryLog {
  private seq = 0;
  private readonly byContact = new Map<string, Delivery[]>();

  record(contactId: string, jobId: string, content: DeliveryContent, at: Date): Delivery {
    const delivery: Delivery = { ...content, seq: ++this.seq, contactId, jobId, at };
    const list = this.byContact.get(contactId) ?? [];
    list.push(delivery);
    if (list.length > PER_CONTACT) list.splice(0, list.length - PER_CONTACT);
    this.byContact.set(contactId, list);
    return delivery;
  }

  forContact(contactId: string, afterSeq = 0): Delivery[] {
    return (this.byContact.get(contactId) ?? []).filter((d) => d.seq > afterSeq);
  }
}
