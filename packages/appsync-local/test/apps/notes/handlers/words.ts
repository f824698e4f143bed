// A direct Lambda resolver: the event is the whole resolver context.
export async function handler(event: { arguments: { text: string } }) {
  return event.arguments.text.split(/\s+/).filter(Boolean).length;
}
