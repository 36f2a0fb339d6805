import type { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '../../errors';
import { offsetOf, type Page, type PageRequest } from '../../shared/pagination';
import type { EnrollmentService } from '../learning/enrollment.service';
import type { Viewer } from '../viewer';
import { Category } from './category.entity';
import { Chapter } from './chapter.entity';
import { Course } from './course.entity';
import { Lesson } from './lesson.entity';
import { queryTerms } from './search-terms';

export const COURSE_SORTS = ['newest', 'price', '-price', 'rating', 'popular'] as const;
export type CourseSort = (typeof COURSE_SORTS)[number];

export interface CourseFilter {
  /** A category id, slug or name. */
  category?: string;
  q?: string;
  sort?: CourseSort;
  minPriceFen?: number;
  maxPriceFen?: number;
}

export interface CourseOutline {
  course: Course;
  chapters: Array<{ chapter: Chapter; lessons: Array<{ lesson: Lesson; playable: boolean }> }>;
  enrolled: boolean;
}

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const ORDER_BY: Record<CourseSort, Array<[string, 'ASC' | 'DESC']>> = {
  newest: [['c.publishedAt', 'DESC'], ['c.id', 'DESC']],
  price: [['c.priceFen', 'ASC'], ['c.id', 'ASC']],
  '-price': [['c.priceFen', 'DESC'], ['c.id', 'DESC']],
  rating: [['c.ratingAvg', 'DESC'], ['c.ratingCount', 'DESC'], ['c.id', 'DESC']],
  popular: [['c.salesCount', 'DESC'], ['c.id', 'DESC']],
};

export class CatalogService {
  private readonly courses: Repository<Course>;
  private readonly categories: Repository<Category>;

  constructor(
    private readonly ds: DataSource,
    private readonly enrollments: EnrollmentService,
  ) {
    this.courses = ds.getRepository(Course);
    this.categories = ds.getRepository(Category);
  }

  listCategories(): Promise<Category[]> {
    return this.categories.find({ order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  /**
   * Published courses only. A query matches when every term occurs in name, description, category or
   * creator; without an explicit sort, matches are ranked by how many terms hit the name.
   */
  async listCourses(filter: CourseFilter, page: PageRequest): Promise<Page<Course>> {
    const qb = this.courses
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.category', 'cat')
      .innerJoin('c.creator', 'u')
      .addSelect(['u.id', 'u.displayName'])
      .where('c.status = :status', { status: 'PUBLISHED' });

    if (filter.category !== undefined) this.whereCategory(qb, filter.category);
    if (filter.minPriceFen !== undefined) qb.andWhere('c.priceFen >= :minPrice', { minPrice: filter.minPriceFen });
    if (filter.maxPriceFen !== undefined) qb.andWhere('c.priceFen <= :maxPrice', { maxPrice: filter.maxPriceFen });

    const terms = filter.q ? queryTerms(filter.q) : [];
    terms.forEach((term, i) => qb.andWhere(`c.search_text LIKE :t${i}`, { [`t${i}`]: `%${escapeLike(term)}%` }));

    if (terms.length && !filter.sort) {
      const score = terms.map((_, i) => `(CASE WHEN c.name LIKE :t${i} THEN 1 ELSE 0 END)`).join(' + ');
      qb.addSelect(score, 'relevance').orderBy('relevance', 'DESC').addOrderBy('c.salesCount', 'DESC').addOrderBy('c.id', 'DESC');
    } else {
      const [first, ...rest] = ORDER_BY[filter.sort ?? 'newest'];
      qb.orderBy(first![0], first![1]);
      for (const [column, direction] of rest) qb.addOrderBy(column, direction);
    }
    const [results, count] = await qb.skip(offsetOf(page)).take(page.pageSize).getManyAndCount();
    return { count, results };
  }

  private whereCategory(qb: SelectQueryBuilder<Course>, category: string): void {
    if (/^\d+$/.test(category)) qb.andWhere('c.categoryId = :categoryId', { categoryId: Number(category) });
    else qb.andWhere('(cat.slug = :category OR cat.name = :category)', { category });
  }

  /** A course as the viewer may see it: published ones for everybody, others only for their creator and admins. */
  async getVisibleCourse(id: number, viewer: Viewer): Promise<Course> {
    const course = await this.courses
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.category', 'cat')
      .innerJoin('c.creator', 'u')
      .addSelect(['u.id', 'u.displayName'])
      .where('c.id = :id', { id })
      .getOne();
    if (!course || !canSeeCourse(course, viewer)) throw new NotFoundError('course');
    return course;
  }

  /** The syllabus with, per lesson, whether the viewer may play it. */
  async getOutline(id: number, viewer: Viewer): Promise<CourseOutline> {
    const course = await this.getVisibleCourse(id, viewer);
    const [lessons, chapters, enrolled] = await Promise.all([
      this.ds.getRepository(Lesson).find({ where: { courseId: id }, order: { position: 'ASC', id: 'ASC' } }),
      this.ds.getRepository(Chapter).find({ where: { courseId: id }, order: { position: 'ASC', id: 'ASC' } }),
      viewer ? this.enrollments.isEnrolled(viewer.id, id) : Promise.resolve(false),
    ]);
    const fullAccess = enrolled || isOwnerOrAdmin(course, viewer);
    return {
      course,
      enrolled,
      chapters: chapters.map((chapter) => ({
        chapter,
        lessons: lessons
          .filter((l) => l.chapterId === chapter.id)
          .map((lesson) => ({ lesson, playable: fullAccess || lesson.freePreview })),
      })),
    };
  }
}

export function isOwnerOrAdmin(course: Course, viewer: Viewer): boolean {
  return !!viewer && (viewer.role === 'admin' || viewer.id === course.creatorId);
}

export function canSeeCourse(course: Course, viewer: Viewer): boolean {
  return course.status === 'PUBLISHED' || isOwnerOrAdmin(course, viewer);
}
