/**
 * Vitest global set-up: the system packages the tests use (real brokers, the seed's Python, a
 * browser). Missing ones are installed with apt-get when running as root; otherwise the run stops
 * with one line saying what to install. Nothing is skipped.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

interface Need {
  readonly name: string;
  readonly debianPackage: string;
  present(): boolean;
}

const needs: readonly Need[] = [
  {
    name: "mosquitto",
    debianPackage: "mosquitto",
    present: () => existsSync("/usr/sbin/mosquitto"),
  },
  {
    name: "nats-server",
    debianPackage: "nats-server",
    present: () => existsSync("/usr/sbin/nats-server"),
  },
  {
    name: "python3-paho-mqtt",
    debianPackage: "python3-paho-mqtt",
    present: () => spawnSync("/usr/bin/python3", ["-c", "import paho.mqtt.client"]).status === 0,
  },
  { name: "chromium", debianPackage: "chromium", present: () => existsSync("/usr/bin/chromium") },
];

export default function setup(): void {
  const missing = needs.filter((n) => !n.present());
  if (missing.length === 0) return;
  const packages = missing.map((n) => n.debianPackage);
  if (process.getuid?.() !== 0) {
    throw new Error(`missing system packages: run "sudo apt-get install -y ${packages.join(" ")}"`);
  }
  console.log(`installing system packages for the tests: ${packages.join(" ")}`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  const still = needs.filter((n) => !n.present());
  if (still.length > 0)
    throw new Error(`could not install: ${still.map((n) => n.debianPackage).join(" ")}`);
}
