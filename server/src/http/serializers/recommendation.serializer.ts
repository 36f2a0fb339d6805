import type { RecommendedCourses } from '../../domain/recommendations/recommendation.service';
import type { MediaUrlSigner } from '../../storage/media-url-signer';
import { serializeCourse } from './course.serializer';

/** The catalog's list items, and where they came from so a client can title the list ("猜你喜欢" or "热门课程"). */
export function serializeRecommended(recommended: RecommendedCourses, urls: MediaUrlSigner) {
  return { source: recommended.source, results: recommended.courses.map((c) => serializeCourse(c, urls)) };
}
