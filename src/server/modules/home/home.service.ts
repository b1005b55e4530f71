import type { z } from 'zod';
import type { homeTask } from '../../../shared/contracts/platform-contracts';
import type { Actor } from '../../platform/actor';
import type { RegionsService } from '../regions/regions.service';

export type HomeTask = z.infer<typeof homeTask>;

/** A module's contribution to the home page: its open tasks for this actor (empty when none apply). */
export type TaskSource = (actor: Actor) => Promise<HomeTask[]>;

export class HomeService {
  constructor(
    private readonly regions: RegionsService,
    private readonly sources: TaskSource[],
  ) {}

  async home(actor: Actor) {
    const region = this.regions.require(actor.scope.rootCode);
    const lists = await Promise.all(this.sources.map((source) => source(actor)));
    return {
      region: { code: region.code, name: region.name, level: region.level, path: this.regions.path(region.code).map((r) => r.name) },
      tasks: lists.flat().filter((task) => task.count > 0),
    };
  }
}
