import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/users-contracts';
import { requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { UsersService } from './users.service';

export function registerUsersRoutes(app: FastifyInstance, users: UsersService): void {
  registerRoute(app, contracts.listUsers, async ({ query }, request) => users.list(requireActor(request.actor), query));

  registerRoute(app, contracts.getUser, async ({ params }, request) => users.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.createUser, async ({ body }, request) => users.create(requireActor(request.actor), body, request.id, request.ip));

  registerRoute(app, contracts.updateUser, async ({ params, body }, request) =>
    users.update(requireActor(request.actor), params.id, body, request.id, request.ip),
  );

  registerRoute(app, contracts.resetPassword, async ({ params, body }, request) => {
    const { user, oneTimePassword } = await users.command(requireActor(request.actor), params.id, 'reset-password', body.reason, request.id, request.ip);
    return { user, oneTimePassword: oneTimePassword ?? '' };
  });

  registerRoute(app, contracts.userCommand, async ({ params, body }, request) => {
    const { user } = await users.command(requireActor(request.actor), params.id, params.command, body.reason, request.id, request.ip);
    return user;
  });
}
