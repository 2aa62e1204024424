import { optional } from "../core/module-spec";
import { tf } from "../core/tf-types";
import { EXEC_AGENT_PATHS, TASK_STORAGE_VOLUMES } from "./container-definition";
import { ON_EC2 } from "./placement";

/**
 * Volumes only EC2 capacity offers: a directory of the container instance (`host_path`, e.g.
 * Redis's data surviving task restarts on the same instance) or a Docker volume the agent
 * creates and keeps on the instance (`host_path` null). EFS volumes work on both launch modes.
 */

const ABSOLUTE_PATH = '"^/[^\\\\s]+$"';

export const ec2VolumeInputs = {
  ec2_volumes: optional(
    tf.map(
      tf.object({
        container_path: tf.string,
        host_path: tf.optional(tf.string),
        read_only: tf.optional(tf.bool, false),
      }),
    ),
    {},
    "Volumes on the container instance (needs `ec2_capacity_provider`), keyed by volume name: `container_path` (absolute), `host_path` (a directory of the instance, e.g. `/var/lib/redis`; null: a Docker volume the ECS agent creates, `local` driver, shared by the service's tasks on that instance and kept when they stop) and `read_only` (default false). Data stays on that one instance: use EFS for data that must follow the task. Default: none.",
    {
      validation: [
        {
          condition: "length(var.ec2_volumes) == 0 || var.ec2_capacity_provider != null",
          errorMessage: "ec2_volumes need ec2_capacity_provider: Fargate has no host volumes.",
          rejects: {
            value: { redis: { container_path: "/data", host_path: "/var/lib/redis" } },
            alongside: { ec2_capacity_provider: null },
          },
        },
        {
          condition: `alltrue([for k, v in var.ec2_volumes : can(regex("^[A-Za-z0-9_-]{1,255}$", k)) && !contains(${JSON.stringify(TASK_STORAGE_VOLUMES)}, k) && !contains(keys(var.efs_volumes), k)])`,
          errorMessage: `ec2_volumes keys must be 1–255 characters of A-Z, a-z, 0-9, _ and -, and differ from the efs_volumes keys and ${TASK_STORAGE_VOLUMES.join(", ")}.`,
          // "scratch" is the volume behind scratch_volume_path.
          rejects: { value: { scratch: { container_path: "/scratch" } }, alongside: ON_EC2 },
        },
        {
          condition: `alltrue([for v in values(var.ec2_volumes) : can(regex(${ABSOLUTE_PATH}, v.container_path)) && (v.host_path == null ? true : can(regex(${ABSOLUTE_PATH}, v.host_path)))])`,
          errorMessage:
            "ec2_volumes container_path and host_path must be absolute paths other than /.",
          rejects: {
            value: { redis: { container_path: "/data", host_path: "var/lib/redis" } },
            alongside: ON_EC2,
          },
        },
        {
          condition: `alltrue([for path, mounts in { for p in concat(
  [for v in values(var.ec2_volumes) : v.container_path],
  [for v in values(var.efs_volumes) : v.container_path],
  var.scratch_volume_path == null ? [] : [var.scratch_volume_path],
  var.enable_execute_command ? ${JSON.stringify(Object.values(EXEC_AGENT_PATHS))} : [],
) : p => p... } : length(mounts) == 1])`,
          errorMessage:
            "ec2_volumes container_path values must be unique and differ from the efs_volumes paths, scratch_volume_path and the ECS Exec directories.",
          rejects: {
            value: { cache: { container_path: "/tmp", host_path: "/var/cache/orders" } },
            alongside: { ...ON_EC2, scratch_volume_path: "/tmp" },
          },
        },
      ],
    },
  ),
};

/** The task-definition `volume` block for `ec2_volumes` (one of the dynamic `volume` blocks). */
export const ec2VolumeBlock = {
  for_each: "${var.ec2_volumes}",
  content: {
    name: "${volume.key}",
    host_path: "${volume.value.host_path}",
    dynamic: {
      docker_volume_configuration: {
        for_each: "${volume.value.host_path == null ? [1] : []}",
        content: { scope: "shared", autoprovision: true, driver: "local" },
      },
    },
  },
};
