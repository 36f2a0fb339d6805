/** A lesson was added to a published course: its enrolled learners hear of it. */
export interface LessonAddedEvent {
  lessonId: number;
  courseId: number;
  addedAt: string;
}

/** What happened in the catalog, for the consumers that come after it (notifications). */
export interface CatalogEvents {
  lessonAdded(event: LessonAddedEvent): Promise<void>;
}
