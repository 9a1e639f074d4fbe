// Deterministic demo repository generator (see include/gitreorg/demo/demo_repo.hpp).
#include "gitreorg/demo/demo_repo.hpp"

#include <fcntl.h>
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace gitreorg::demo {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------------
// libgit2 plumbing
// ---------------------------------------------------------------------------------------------

struct GitDeleter {
    void operator()(git_repository* p) const { git_repository_free(p); }
    void operator()(git_index* p) const { git_index_free(p); }
    void operator()(git_tree* p) const { git_tree_free(p); }
    void operator()(git_commit* p) const { git_commit_free(p); }
    void operator()(git_signature* p) const { git_signature_free(p); }
    void operator()(git_odb* p) const { git_odb_free(p); }
    void operator()(git_packbuilder* p) const { git_packbuilder_free(p); }
    void operator()(git_revwalk* p) const { git_revwalk_free(p); }
};
template <class T>
using GitPtr = std::unique_ptr<T, GitDeleter>;

void check(int rc, std::string_view what) {
    if (rc >= 0) return;
    const git_error* e = git_error_last();
    throw std::runtime_error(fmt::format("make-demo-repo: {} failed: {}", what,
                                         (e != nullptr && e->message != nullptr) ? e->message : "unknown libgit2 error"));
}

// Keeps libgit2 initialised for the duration of a generate_demo_repo call (init is reference counted).
struct LibGit2Guard {
    LibGit2Guard() { check(git_libgit2_init(), "git_libgit2_init"); }
    ~LibGit2Guard() { git_libgit2_shutdown(); }
    LibGit2Guard(const LibGit2Guard&) = delete;
    LibGit2Guard& operator=(const LibGit2Guard&) = delete;
};

// ---------------------------------------------------------------------------------------------
// In-memory description of the history
// ---------------------------------------------------------------------------------------------

enum class Mode { Regular, Executable, Symlink };

struct Entry {
    std::string data;  // file contents, or the link target for a symlink
    Mode mode = Mode::Regular;
};

using Changes = std::map<std::string, Entry>;  // path -> new contents (std::string order == git index order)

struct CommitSpec {
    std::string message;
    Changes changes;
};

using Vars = std::vector<std::pair<std::string, std::string>>;

std::string subst(std::string s, const Vars& vars) {
    for (const auto& [key, value] : vars) {
        std::size_t pos = 0;
        while ((pos = s.find(key, pos)) != std::string::npos) {
            s.replace(pos, key.size(), value);
            pos += value.size();
        }
    }
    return s;
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

void put(Changes& c, const std::string& path, std::string data, Mode mode = Mode::Regular) {
    c[path] = Entry{std::move(data), mode};
}

// ---------------------------------------------------------------------------------------------
// Binary content: small valid PNG images (stored deflate blocks, real CRCs)
// ---------------------------------------------------------------------------------------------

std::uint32_t crc32(const unsigned char* p, std::size_t n, std::uint32_t crc = 0) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1U) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    crc = ~crc;
    for (std::size_t i = 0; i < n; ++i) crc = table[(crc ^ p[i]) & 0xFFU] ^ (crc >> 8);
    return ~crc;
}

void put_be32(std::string& out, std::uint32_t v) {
    out.push_back(static_cast<char>((v >> 24) & 0xFF));
    out.push_back(static_cast<char>((v >> 16) & 0xFF));
    out.push_back(static_cast<char>((v >> 8) & 0xFF));
    out.push_back(static_cast<char>(v & 0xFF));
}

void png_chunk(std::string& out, const char* type, const std::string& payload) {
    std::string body(type, 4);
    body += payload;
    put_be32(out, static_cast<std::uint32_t>(payload.size()));
    out += body;
    put_be32(out, crc32(reinterpret_cast<const unsigned char*>(body.data()), body.size()));
}

// A w x h RGB image with a deterministic gradient pattern derived from `seed`.
std::string make_png(unsigned w, unsigned h, unsigned seed) {
    std::string raw;
    for (unsigned y = 0; y < h; ++y) {
        raw.push_back('\0');  // filter type: none
        for (unsigned x = 0; x < w; ++x) {
            raw.push_back(static_cast<char>((x * 255U / w + seed * 37U) & 0xFF));
            raw.push_back(static_cast<char>((y * 255U / h + seed * 91U) & 0xFF));
            raw.push_back(static_cast<char>(((x ^ y) * 8U + seed * 13U) & 0xFF));
        }
    }
    // zlib stream made of one stored (uncompressed) deflate block.
    std::string z;
    z.push_back(static_cast<char>(0x78));
    z.push_back(static_cast<char>(0x01));
    z.push_back(static_cast<char>(0x01));  // BFINAL=1, BTYPE=00
    const auto len = static_cast<std::uint16_t>(raw.size());
    const auto nlen = static_cast<std::uint16_t>(~len);
    z.push_back(static_cast<char>(len & 0xFF));
    z.push_back(static_cast<char>(len >> 8));
    z.push_back(static_cast<char>(nlen & 0xFF));
    z.push_back(static_cast<char>(nlen >> 8));
    z += raw;
    std::uint32_t a = 1, b = 0;
    for (unsigned char ch : raw) {
        a = (a + ch) % 65521U;
        b = (b + a) % 65521U;
    }
    put_be32(z, (b << 16) | a);

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr;
    put_be32(ihdr, w);
    put_be32(ihdr, h);
    ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8-bit, RGB, deflate, no filter, no interlace
    png_chunk(png, "IHDR", ihdr);
    png_chunk(png, "IDAT", z);
    png_chunk(png, "IEND", "");
    return png;
}

// Opaque binary blob (a stand-in for a SentencePiece model): a header and fixed-seed bytes, NULs included.
std::string make_binary(std::size_t n, unsigned seed) {
    std::mt19937 gen(seed);
    std::string out("\x0a\x00\x12\x00spm-demo", 12);
    while (out.size() < n) out.push_back(static_cast<char>(gen() % 256U));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Top level
// ---------------------------------------------------------------------------------------------

const char* const kReadmePart1 = R"~(# AWSome Distributed Training <img src="0.docs/images/logo.png" alt="AWSome Distributed Training logo" width="64" align="right">

This repository contains reference architectures and test cases for distributed model training
and inference on AWS. The architectures cover
[Amazon SageMaker HyperPod](1.architectures/5.sagemaker-hyperpod/README.md),
[AWS ParallelCluster](./1.architectures/2.aws-parallelcluster/),
[AWS Batch](1.architectures/3.aws-batch/README.md) and
[Amazon EKS](<1.architectures/4.amazon-eks/README.md>); the test cases show how to run
PyTorch, Megatron and JAX workloads on them.

![Architecture overview](0.docs/images/architecture-overview.png)

## Repository layout

| Directory | Contents |
| --- | --- |
| [`0.docs`](./0.docs) | Workshop material, diagrams and primers |
| [`1.architectures`](1.architectures/) | CloudFormation templates and cluster configurations |
| [`2.ami_and_containers`](2.ami_and_containers/README.md) | Scripts to build AMIs and container images |

## Getting started

1. Create the network with the [VPC templates](/1.architectures/1.vpc_network/README.md).
2. Pick a cluster architecture: [ParallelCluster](1.architectures/2.aws-parallelcluster/README.md#deploy-the-cluster),
   [SageMaker HyperPod](1.architectures/5.sagemaker-hyperpod/README.md#deploy-the-cluster) or
   [HyperPod on EKS](./1.architectures/7.sagemaker-hyperpod-eks/README.md).
3. Build the container images described in [AMIs and containers](2.ami_and_containers/README.md#container-images).
4. Run one of the test cases.

See the [getting started guide](0.docs/getting-started.md#install-the-tools) and the
[troubleshooting guide](0.docs/troubleshooting.md) if something goes wrong.
)~";

const char* const kReadmePart2 = R"~(
## Test cases

All test cases live under [`3.test_cases`](./3.test_cases/) and share one layout: a `Dockerfile`,
a `Makefile`, Slurm scripts under `slurm/` and Kubernetes manifests under `kubernetes/`.

| Framework | Test case | Slurm | Kubernetes |
| --- | --- | --- | --- |
| PyTorch | [FSDP][fsdp] | [sbatch](3.test_cases/pytorch/FSDP/slurm/) | [manifests](3.test_cases/pytorch/FSDP/kubernetes/) |
| PyTorch | [DeepSpeed](3.test_cases/pytorch/deepspeed/README.md) | yes | yes |
| PyTorch | [nanoVLM](./3.test_cases/pytorch/nanoVLM) | yes | yes |
| PyTorch | [torchtitan](3.test_cases/pytorch/torchtitan/README.md#running-on-slurm) | yes | yes |
| Megatron | [Megatron-LM][megatron-lm] | yes | yes |
| Megatron | [NeMo](3.test_cases/megatron/nemo/README.md) | yes | yes |
| JAX | [PaxML](3.test_cases/jax/paxml/README.md#prerequisites) | yes | yes |

Before running a test case, validate the cluster with the
[NCCL tests](4.validation_and_observability/0.nccl-tests/README.md) and the
[GPU health checks](./4.validation_and_observability/2.gpu-cluster-healthcheck/README.md#what-is-checked).
Dashboards are in [Prometheus and Grafana](4.validation_and_observability/4.prometheus-grafana/), and
low-level benchmarks in [micro-benchmarks](micro-benchmarks/nccl-tests/README.md) and
[NVSHMEM](micro-benchmarks/nvshmem/README.md).

```bash
git clone https://github.com/aws-samples/awsome-distributed-training.git
cd awsome-distributed-training/3.test_cases/pytorch/FSDP
bash ../../../1.architectures/0.common/common.sh check
```

[fsdp]: 3.test_cases/pytorch/FSDP/README.md "FSDP"
[megatron-lm]: <3.test_cases/megatron/megatron-lm/README.md> 'Megatron-LM'
)~";

const char* const kReadmePart3 = R"~(
## Use cases and inference

- [Protein language models with BioNeMo](3.test_cases/pytorch/bionemo/README.md)
- [GRPO post-training with TRL](./3.test_cases/pytorch/trl/)
- [Serving with vLLM](3.test_cases/pytorch/vllm-serving/README.md#running-on-kubernetes)

## Linking to this repository

Blog posts and workshops link to files in this repository with absolute URLs, for example the
[FSDP guide](https://github.com/aws-samples/awsome-distributed-training/blob/main/3.test_cases/pytorch/FSDP/README.md),
the [HyperPod lifecycle scripts](https://github.com/aws-samples/awsome-distributed-training/tree/main/1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config),
the [NeMo recipe as of v1.0.0](https://github.com/aws-samples/awsome-distributed-training/blob/v1.0.0/3.test_cases/megatron/nemo/README.md)
and a [ParallelCluster template pinned to a commit](https://github.com/aws-samples/awsome-distributed-training/blob/4c2f1e0b9a8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e/1.architectures/2.aws-parallelcluster/distributed-training-p5.yaml).
Lifecycle scripts are usually downloaded directly:

```bash
curl -fsSLO https://raw.githubusercontent.com/aws-samples/awsome-distributed-training/main/1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh
cd awsome-distributed-training/3.test_cases/pytorch
bash ../../1.architectures/0.common/common.sh check
```

## Further reading

- <https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-hyperpod.html>
- [PyTorch FSDP tutorial](https://pytorch.org/tutorials/intermediate/FSDP_tutorial.html)
- [NCCL environment variables](https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/env.html#nccl-debug)
- [Contributing guidelines](CONTRIBUTING.md#contributing-via-pull-requests)

## Security

See [CONTRIBUTING](CONTRIBUTING.md#security-issue-notifications) for more information.
Questions go to the [maintainers](mailto:awsome-distributed-training@example.com).

## License

This library is licensed under the MIT-0 License. See the [LICENSE](./LICENSE) file.
)~";

const char* const kLicense = R"~(MIT No Attribution

Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.

Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify,
merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION
OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
)~";

const char* const kContributing = R"~(# Contributing Guidelines

Thank you for your interest in contributing. Bug reports, new test cases, fixes and documentation
improvements are all welcome. Please read this document before opening an issue or a pull request.

## Reporting bugs and feature requests

Use the GitHub issue tracker. Include the architecture you deployed (for example
[SageMaker HyperPod](1.architectures/5.sagemaker-hyperpod/README.md)), the instance type, the
container image and the exact command that failed.

## Contributing via pull requests

1. Work against the latest `main` branch.
2. Keep each pull request focused on one test case or one architecture.
3. Follow the layout of existing test cases: `README.md`, `Dockerfile`, `Makefile`, `slurm/`, `kubernetes/`.
4. Run the [NCCL tests](4.validation_and_observability/0.nccl-tests/README.md) on the cluster you used.
5. Make sure relative links in your README resolve; CI checks them.

## Adding a test case

Copy an existing test case such as [FSDP](3.test_cases/pytorch/FSDP/README.md) and keep the
`slurm/` and `kubernetes/` directories even if one of them only holds a placeholder.

## Security issue notifications

If you discover a potential security issue, do not open a public issue; follow the
[vulnerability reporting process](http://aws.amazon.com/security/vulnerability-reporting/).

## Licensing

See the [LICENSE](LICENSE) file. Contributions are accepted under the same license.
)~";

const char* const kGitignore = R"~(# Python
__pycache__/
*.py[cod]
.venv/
*.egg-info/

# Build and run artifacts
*.sqsh
logs/
checkpoints/
*.out
*.err

# Editors and OS
.vscode/
.idea/
.DS_Store
)~";

void add_docs(Changes& c) {
    put(c, "0.docs/README.md", R"~(# Documentation

Workshop material and primers that go with the reference architectures.

- [Getting started](getting-started.md)
- [Slurm primer](./slurm-primer.md#submitting-jobs)
- [Kubernetes primer](kubernetes-primer.md)

Architecture diagrams live in [images](images/). The overall picture:

![Overview](images/architecture-overview.png)

Back to the [repository README](../README.md).
)~");
    put(c, "0.docs/getting-started.md", R"~(# Getting started

## Install the tools

```bash
pip install aws-parallelcluster awscli
curl -sSL https://raw.githubusercontent.com/aws-samples/awsome-distributed-training/main/1.architectures/0.common/common.sh -o common.sh
```

## Create the network

Deploy [the VPC template](../1.architectures/1.vpc_network/vpc-all-az.yaml) with CloudFormation, then
continue with [ParallelCluster](../1.architectures/2.aws-parallelcluster/README.md#deploy-the-cluster) or
[HyperPod](../1.architectures/5.sagemaker-hyperpod/README.md).

![HyperPod cluster](images/hyperpod-cluster.png)

## Next steps

Read the [Slurm primer](slurm-primer.md) before submitting your first job.
)~");
    put(c, "0.docs/slurm-primer.md", R"~(# Slurm primer

## Submitting jobs

```bash
sbatch my-job.sbatch        # queue a batch job
squeue -u $USER             # list your jobs
scancel <job-id>            # cancel a job
```

## Interactive sessions

`srun --pty bash` opens a shell on a compute node. Use `salloc -N 2` to reserve nodes first.

See also the [NCCL tests](../4.validation_and_observability/0.nccl-tests/README.md), a good first job.
)~");
    put(c, "0.docs/kubernetes-primer.md", R"~(# Kubernetes primer

Training jobs on [Amazon EKS](../1.architectures/4.amazon-eks/README.md) use the Kubeflow training
operator. A `PyTorchJob` starts one master and N workers; `kubectl get pytorchjobs` lists them.

![EKS cluster](images/eks-cluster.png)
)~");
    put(c, "0.docs/images/architecture-overview.png", make_png(64, 40, 1));
    put(c, "0.docs/images/logo.png", make_png(32, 32, 2));
    put(c, "0.docs/images/hyperpod-cluster.png", make_png(48, 32, 3));
    put(c, "0.docs/images/eks-cluster.png", make_png(48, 32, 4));
    put(c, "0.docs/images/fsdp-architecture.png", make_png(56, 36, 5));
}

// ---------------------------------------------------------------------------------------------
// 1.architectures
// ---------------------------------------------------------------------------------------------

std::string cfn_template(std::string_view description, std::string_view resources) {
    return subst(R"~(AWSTemplateFormatVersion: '2010-09-09'
Description: >-
  @DESC@

Parameters:
  VPCName:
    Type: String
    Default: ml-training-vpc
  AvailabilityZone:
    Type: AWS::EC2::AvailabilityZone::Name

Resources:
@RES@
Outputs:
  StackName:
    Value: !Ref AWS::StackName
)~",
                 {{"@DESC@", std::string(description)}, {"@RES@", std::string(resources)}});
}

void add_architectures(Changes& c) {
    const std::string A = "1.architectures/";
    // 0.common
    put(c, A + "0.common/README.md", R"~(# Common helpers

Scripts shared by every architecture and test case.

| File | Purpose |
| --- | --- |
| [common.sh](./common.sh) | environment checks and logging helpers, sourced by sbatch scripts |
| [env-vars.sh](env-vars.sh) | EFA and NCCL environment variables |

## Choosing an architecture

- Slurm users: [AWS ParallelCluster](../2.aws-parallelcluster/README.md) or
  [SageMaker HyperPod](../5.sagemaker-hyperpod/README.md#deploy-the-cluster).
- Kubernetes users: [Amazon EKS](../4.amazon-eks/README.md) or
  [HyperPod on EKS](../7.sagemaker-hyperpod-eks/).
- Batch-style queues: [AWS Batch](../3.aws-batch/README.md).

All of them need the network from [1.vpc_network](../1.vpc_network/README.md).
)~");
    put(c, A + "0.common/common.sh", R"~(#!/usr/bin/env bash
# Shared helpers for test cases. Source it from an sbatch script or run `common.sh check`.
set -euo pipefail

log() { echo "[$(date -u +%Y-%m-%dT%H:%M:%SZ)] $*"; }

require() {
    command -v "$1" >/dev/null 2>&1 || { log "missing required command: $1"; return 1; }
}

check_cluster() {
    require sinfo || require kubectl
    if [[ -d /fsx ]]; then log "shared filesystem: /fsx"; else log "warning: /fsx is not mounted"; fi
    if command -v nvidia-smi >/dev/null 2>&1; then
        log "GPUs: $(nvidia-smi --query-gpu=name --format=csv,noheader | sort | uniq -c | xargs)"
    fi
    if [[ -e /opt/amazon/efa/bin/fi_info ]]; then
        /opt/amazon/efa/bin/fi_info -p efa -t FI_EP_RDM >/dev/null && log "EFA: available"
    fi
}

if [[ "${BASH_SOURCE[0]}" == "${0}" ]]; then
    case "${1:-check}" in
        check) check_cluster ;;
        *) echo "usage: $0 [check]" >&2; exit 2 ;;
    esac
fi
)~",
        Mode::Executable);
    put(c, A + "0.common/env-vars.sh", R"~(# EFA / NCCL settings used by every multi-node job. Source, do not execute.
export FI_PROVIDER=efa
export FI_EFA_USE_HUGE_PAGE=0
export FI_EFA_SET_CUDA_SYNC_MEMOPS=0
export NCCL_DEBUG=${NCCL_DEBUG:-WARN}
export NCCL_SOCKET_IFNAME=^docker,lo,veth
export NCCL_BUFFSIZE=8388608
export NCCL_P2P_NET_CHUNKSIZE=524288
export TORCH_NCCL_ASYNC_ERROR_HANDLING=1
)~");

    // 1.vpc_network
    put(c, A + "1.vpc_network/README.md", R"~(# VPC for distributed training

Two CloudFormation templates create the network used by every architecture:

- [vpc-all-az.yaml](./vpc-all-az.yaml): public and private subnets in every Availability Zone.
- [vpc-one-az.yaml](vpc-one-az.yaml): a single private subnet, for capacity reservations in one AZ.

## Deploy

```bash
./deploy.sh ml-training-vpc us-east-1
```

Then continue with [ParallelCluster](../2.aws-parallelcluster/README.md#deploy-the-cluster).
)~");
    put(c, A + "1.vpc_network/vpc-all-az.yaml",
        cfn_template("VPC with public and private subnets in every Availability Zone, an S3 gateway endpoint and NAT gateways.",
                     R"~(  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostnames: true
      EnableDnsSupport: true
      Tags:
        - Key: Name
          Value: !Ref VPCName
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 10.0.128.0/17
      AvailabilityZone: !Ref AvailabilityZone
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref VPC
      ServiceName: !Sub com.amazonaws.${AWS::Region}.s3
      VpcEndpointType: Gateway
)~"));
    put(c, A + "1.vpc_network/vpc-one-az.yaml",
        cfn_template("VPC with a single private subnet in one Availability Zone.",
                     R"~(  VPC:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref VPC
      CidrBlock: 10.1.0.0/17
      AvailabilityZone: !Ref AvailabilityZone
)~"));
    put(c, A + "1.vpc_network/deploy.sh", R"~(#!/usr/bin/env bash
# Deploy the VPC template: ./deploy.sh <stack-name> <region>
set -euo pipefail
STACK=${1:-ml-training-vpc}
REGION=${2:-us-east-1}
aws cloudformation deploy --region "$REGION" --stack-name "$STACK" \
    --template-file vpc-all-az.yaml --parameter-overrides VPCName="$STACK"
aws cloudformation describe-stacks --region "$REGION" --stack-name "$STACK" --query 'Stacks[0].Outputs'
)~",
        Mode::Executable);

    // 2.aws-parallelcluster
    put(c, A + "2.aws-parallelcluster/README.md", R"~(# AWS ParallelCluster

Cluster configurations for [AWS ParallelCluster](https://docs.aws.amazon.com/parallelcluster/) with
Slurm, EFA and FSx for Lustre.

| Template | Instances |
| --- | --- |
| [distributed-training-p5.yaml](distributed-training-p5.yaml) | p5.48xlarge (H100) |
| [distributed-training-trn1.yaml](./distributed-training-trn1.yaml) | trn1.32xlarge (Trainium) |

## Deploy the cluster

```bash
source ../0.common/env-vars.sh
pcluster create-cluster --cluster-name ml-cluster --cluster-configuration distributed-training-p5.yaml
```

The post-install script [scripts/postinstall.sh](scripts/postinstall.sh) installs Docker, Pyxis and Enroot.

## Shared storage

Both templates mount FSx for Lustre at `/fsx` and an FSx for OpenZFS home directory.
Network prerequisites: [VPC templates](../1.vpc_network/README.md).
)~");
    const char* const pc_template = R"~(Imds:
  ImdsSupport: v2.0
Image:
  Os: ubuntu2204
HeadNode:
  InstanceType: m5.8xlarge
  Networking:
    SubnetId: ${PUBLIC_SUBNET_ID}
  Ssh:
    KeyName: ${SSH_KEY}
  CustomActions:
    OnNodeConfigured:
      Script: https://raw.githubusercontent.com/aws-samples/awsome-distributed-training/main/1.architectures/2.aws-parallelcluster/scripts/postinstall.sh
Scheduling:
  Scheduler: slurm
  SlurmQueues:
    - Name: compute-gpu
      CapacityType: ONDEMAND
      Networking:
        SubnetIds:
          - ${PRIVATE_SUBNET_ID}
        PlacementGroup:
          Enabled: true
      ComputeResources:
        - Name: distributed-ml
          InstanceType: @INSTANCE@
          MinCount: 0
          MaxCount: @COUNT@
          Efa:
            Enabled: true
SharedStorage:
  - MountDir: /fsx
    Name: fsx
    StorageType: FsxLustre
    FsxLustreSettings:
      StorageCapacity: 4800
      DeploymentType: PERSISTENT_2
      PerUnitStorageThroughput: 250
)~";
    put(c, A + "2.aws-parallelcluster/distributed-training-p5.yaml",
        subst(pc_template, {{"@INSTANCE@", "p5.48xlarge"}, {"@COUNT@", "4"}}));
    put(c, A + "2.aws-parallelcluster/distributed-training-trn1.yaml",
        subst(pc_template, {{"@INSTANCE@", "trn1.32xlarge"}, {"@COUNT@", "8"}}));
    put(c, A + "2.aws-parallelcluster/scripts/postinstall.sh", R"~(#!/usr/bin/env bash
# ParallelCluster OnNodeConfigured action: container runtime for Slurm (Docker, Enroot, Pyxis).
set -euxo pipefail
apt-get update
apt-get install -y docker.io
systemctl enable --now docker
ENROOT_VERSION=3.4.1
curl -fSsL -O "https://github.com/NVIDIA/enroot/releases/download/v${ENROOT_VERSION}/enroot_${ENROOT_VERSION}-1_amd64.deb"
apt-get install -y "./enroot_${ENROOT_VERSION}-1_amd64.deb"
mkdir -p /fsx/enroot /fsx/apps
)~",
        Mode::Executable);

    // 3.aws-batch
    put(c, A + "3.aws-batch/README.md", R"~(# AWS Batch

Multi-node parallel jobs on [AWS Batch](https://aws.amazon.com/batch/) with EFA.

1. Deploy [aws-batch-distributed-training.yaml](./aws-batch-distributed-training.yaml) in the VPC from
   [1.vpc_network](../1.vpc_network/).
2. Submit a job with [submit-job.sh](submit-job.sh).

![Overview](../../0.docs/images/architecture-overview.png)
)~");
    put(c, A + "3.aws-batch/aws-batch-distributed-training.yaml",
        cfn_template("AWS Batch compute environment, job queue and multi-node job definition with EFA.",
                     R"~(  ComputeEnvironment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: EC2
        MinvCpus: 0
        MaxvCpus: 1536
        InstanceTypes: [p4d.24xlarge]
  JobQueue:
    Type: AWS::Batch::JobQueue
    Properties:
      Priority: 1
      ComputeEnvironmentOrder:
        - Order: 1
          ComputeEnvironment: !Ref ComputeEnvironment
)~"));
    put(c, A + "3.aws-batch/submit-job.sh", R"~(#!/usr/bin/env bash
# Submit a 2-node NCCL test to the Batch job queue created by the template.
set -euo pipefail
aws batch submit-job --job-name nccl-allreduce --job-queue "${JOB_QUEUE:-distributed-training}" \
    --job-definition "${JOB_DEFINITION:-nccl-tests}" --node-overrides numNodes=2
)~",
        Mode::Executable);

    // 4.amazon-eks
    put(c, A + "4.amazon-eks/README.md", R"~(# Amazon EKS

An EKS cluster with GPU node groups, EFA and the Kubeflow training operator.

## Create the cluster

```bash
./create-cluster.sh
kubectl apply -f efa-device-plugin.yaml
```

The cluster definition is [eks-p5-cluster.yaml](./eks-p5-cluster.yaml). For a managed control plane
with resiliency features use [HyperPod on EKS](../7.sagemaker-hyperpod-eks/README.md).

![EKS](../../0.docs/images/eks-cluster.png)
)~");
    put(c, A + "4.amazon-eks/eks-p5-cluster.yaml", R"~(apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata:
  name: eks-p5
  region: us-east-1
  version: "1.30"
iam:
  withOIDC: true
managedNodeGroups:
  - name: sys
    instanceType: m5.xlarge
    desiredCapacity: 2
  - name: p5
    instanceType: p5.48xlarge
    desiredCapacity: 2
    efaEnabled: true
    privateNetworking: true
    availabilityZones: ["us-east-1a"]
addons:
  - name: vpc-cni
  - name: aws-ebs-csi-driver
  - name: aws-fsx-csi-driver
)~");
    put(c, A + "4.amazon-eks/efa-device-plugin.yaml", R"~(apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: aws-efa-k8s-device-plugin-daemonset
  namespace: kube-system
spec:
  selector:
    matchLabels:
      name: aws-efa-k8s-device-plugin
  template:
    metadata:
      labels:
        name: aws-efa-k8s-device-plugin
    spec:
      tolerations:
        - key: nvidia.com/gpu
          operator: Exists
          effect: NoSchedule
      containers:
        - name: aws-efa-k8s-device-plugin
          image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/aws-efa-k8s-device-plugin:v0.5.3
          securityContext:
            allowPrivilegeEscalation: false
          volumeMounts:
            - name: device-plugin
              mountPath: /var/lib/kubelet/device-plugins
      volumes:
        - name: device-plugin
          hostPath:
            path: /var/lib/kubelet/device-plugins
)~");
    put(c, A + "4.amazon-eks/create-cluster.sh", R"~(#!/usr/bin/env bash
set -euo pipefail
eksctl create cluster -f eks-p5-cluster.yaml
kubectl apply -k "github.com/kubeflow/training-operator/manifests/overlays/standalone?ref=v1.7.0"
)~",
        Mode::Executable);

    // 5.sagemaker-hyperpod
    put(c, A + "5.sagemaker-hyperpod/README.md", R"~(# Amazon SageMaker HyperPod

[SageMaker HyperPod](https://aws.amazon.com/sagemaker/hyperpod/) provides resilient Slurm clusters
with automatic node replacement.

![HyperPod](../../0.docs/images/hyperpod-cluster.png)

## Prerequisites

- The network from [1.vpc_network](../1.vpc_network/README.md) and an FSx for Lustre file system.
- The lifecycle scripts in [LifecycleScripts/base-config](./LifecycleScripts/base-config/) uploaded to S3.

## Deploy the cluster

```bash
aws s3 sync LifecycleScripts/base-config s3://${BUCKET}/src
aws sagemaker create-cluster --cli-input-json file://cluster-config.json
./easy-ssh.sh ml-cluster
```

Edit [cluster-config.json](cluster-config.json) and
[provisioning_parameters.json](./provisioning_parameters.json) before creating the cluster.
Helpers shared with other architectures are in [0.common](../0.common/README.md).
)~");
    put(c, A + "5.sagemaker-hyperpod/cluster-config.json", R"~({
  "ClusterName": "ml-cluster",
  "InstanceGroups": [
    {
      "InstanceGroupName": "controller-machine",
      "InstanceType": "ml.m5.12xlarge",
      "InstanceCount": 1,
      "LifeCycleConfig": {
        "SourceS3Uri": "s3://${BUCKET}/src",
        "OnCreate": "on_create.sh"
      },
      "ExecutionRole": "${ROLE}",
      "ThreadsPerCore": 2
    },
    {
      "InstanceGroupName": "worker-group-1",
      "InstanceType": "ml.p5.48xlarge",
      "InstanceCount": 4,
      "LifeCycleConfig": {
        "SourceS3Uri": "s3://${BUCKET}/src",
        "OnCreate": "on_create.sh"
      },
      "ExecutionRole": "${ROLE}",
      "ThreadsPerCore": 1
    }
  ],
  "VpcConfig": {
    "SecurityGroupIds": ["${SECURITY_GROUP}"],
    "Subnets": ["${SUBNET_ID}"]
  }
}
)~");
    put(c, A + "5.sagemaker-hyperpod/provisioning_parameters.json", R"~({
  "version": "1.0.0",
  "workload_manager": "slurm",
  "controller_group": "controller-machine",
  "worker_groups": [
    { "instance_group_name": "worker-group-1", "partition_name": "ml.p5.48xlarge" }
  ],
  "fsx_dns_name": "${FSX_DNS_NAME}",
  "fsx_mountname": "${FSX_MOUNTNAME}"
}
)~");
    put(c, A + "5.sagemaker-hyperpod/easy-ssh.sh", R"~(#!/usr/bin/env bash
# SSH into the controller node of a HyperPod cluster through SSM: ./easy-ssh.sh <cluster-name>
set -euo pipefail
CLUSTER=${1:?usage: easy-ssh.sh <cluster-name>}
CLUSTER_ID=$(aws sagemaker describe-cluster --cluster-name "$CLUSTER" --query 'ClusterArn' --output text | awk -F/ '{print $NF}')
NODE=$(aws sagemaker list-cluster-nodes --cluster-name "$CLUSTER" --instance-group-name-contains controller \
    --query 'ClusterNodeSummaries[0].InstanceId' --output text)
aws ssm start-session --target "sagemaker-cluster:${CLUSTER_ID}_controller-machine-${NODE}"
)~",
        Mode::Executable);
    put(c, A + "5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh", R"~(#!/usr/bin/env bash
# Entry point run by HyperPod on every node at creation time.
set -euxo pipefail
LOG_FILE=/var/log/provision/provisioning.log
mkdir -p /var/log/provision
touch "$LOG_FILE"
python3 -u lifecycle_script.py -rc resource_config.json -pp provisioning_parameters.json 2>&1 | tee -a "$LOG_FILE"
)~",
        Mode::Executable);
    put(c, A + "5.sagemaker-hyperpod/LifecycleScripts/base-config/lifecycle_script.py", R"~(#!/usr/bin/env python3
"""Configure a HyperPod node: mount FSx, start Slurm daemons, install the container runtime."""
import argparse
import json
import subprocess


def run(cmd):
    print(f"+ {cmd}", flush=True)
    subprocess.run(cmd, shell=True, check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-rc", "--resource_config", required=True)
    parser.add_argument("-pp", "--provisioning_parameters", required=True)
    args = parser.parse_args()
    with open(args.provisioning_parameters) as f:
        params = json.load(f)
    if params.get("fsx_dns_name"):
        run(f"bash mount_fsx.sh {params['fsx_dns_name']} {params['fsx_mountname']} /fsx")
    run("bash setup_mariadb_accounting.sh")


if __name__ == "__main__":
    main()
)~");
    put(c, A + "5.sagemaker-hyperpod/LifecycleScripts/base-config/setup_mariadb_accounting.sh", R"~(#!/usr/bin/env bash
# Enable Slurm accounting with a local MariaDB on the controller node.
set -euo pipefail
if ! grep -q controller /opt/ml/config/resource_config.json 2>/dev/null; then exit 0; fi
apt-get install -y mariadb-server
systemctl enable --now mariadb
mysql -e "CREATE DATABASE IF NOT EXISTS slurm_acct_db;"
systemctl restart slurmdbd slurmctld
)~",
        Mode::Executable);

    // 7.sagemaker-hyperpod-eks
    put(c, A + "7.sagemaker-hyperpod-eks/README.md", R"~(# SageMaker HyperPod with Amazon EKS

HyperPod clusters orchestrated by an EKS control plane. Start from the
[EKS architecture](../4.amazon-eks/README.md) and the same [VPC](../1.vpc_network/vpc-all-az.yaml).

## Deploy

```bash
./create-config.sh > env_vars
source env_vars
aws cloudformation deploy --template-file hyperpod-eks-cluster.yaml --stack-name hyperpod-eks
helm install hyperpod-dependencies ./helm -f helm/values.yaml
```

Health-monitoring agents are described in the
[GPU health checks](../../4.validation_and_observability/2.gpu-cluster-healthcheck/README.md).
)~");
    put(c, A + "7.sagemaker-hyperpod-eks/hyperpod-eks-cluster.yaml",
        cfn_template("SageMaker HyperPod cluster with an Amazon EKS orchestrator.",
                     R"~(  HyperPodCluster:
    Type: AWS::SageMaker::Cluster
    Properties:
      ClusterName: hyperpod-eks
      Orchestrator:
        Eks:
          ClusterArn: !Sub arn:aws:eks:${AWS::Region}:${AWS::AccountId}:cluster/hyperpod-eks
      InstanceGroups:
        - InstanceGroupName: worker-group-1
          InstanceType: ml.p5.48xlarge
          InstanceCount: 2
)~"));
    put(c, A + "7.sagemaker-hyperpod-eks/create-config.sh", R"~(#!/usr/bin/env bash
# Print the environment variables used by the deployment commands in README.md.
set -euo pipefail
echo "export AWS_REGION=${AWS_REGION:-us-east-1}"
echo "export EKS_CLUSTER_NAME=${EKS_CLUSTER_NAME:-hyperpod-eks}"
echo "export VPC_ID=$(aws ec2 describe-vpcs --filters Name=tag:Name,Values=ml-training-vpc --query 'Vpcs[0].VpcId' --output text)"
)~",
        Mode::Executable);
    put(c, A + "7.sagemaker-hyperpod-eks/helm/values.yaml", R"~(# Values for the HyperPod dependencies chart.
nvidia-device-plugin:
  enabled: true
aws-efa-k8s-device-plugin:
  enabled: true
health-monitoring-agent:
  enabled: true
  image: 905418368575.dkr.ecr.us-west-2.amazonaws.com/hyperpod-health-monitoring-agent:1.0.0
training-operators:
  enabled: true
)~");
}

void add_ami_and_containers(Changes& c) {
    put(c, "2.ami_and_containers/README.md", R"~(# AMIs and containers

## Machine images

[1.amazon_machine_image](./1.amazon_machine_image/README.md) builds Deep Learning AMIs with Packer
and Ansible. They are used by [ParallelCluster](../1.architectures/2.aws-parallelcluster/README.md).

## Container images

[containers](containers/) holds base images with EFA, NCCL and the AWS OFI NCCL plugin. Every test case
Dockerfile starts from one of them.
)~");
    put(c, "2.ami_and_containers/1.amazon_machine_image/README.md", R"~(# Amazon Machine Images

```bash
make ami_gpu      # Deep Learning AMI with NVIDIA drivers, EFA and Enroot
make ami_neuron   # AMI for Trainium and Inferentia
```

The Packer template is [packer-ami.pkr.hcl](packer-ami.pkr.hcl) and the Ansible playbook
[playbook-dlami-gpu.yml](./playbook-dlami-gpu.yml).
)~");
    put(c, "2.ami_and_containers/1.amazon_machine_image/Makefile",
        "PACKER ?= packer\nREGION ?= us-east-1\n\n.PHONY: ami_gpu ami_neuron validate\n\n"
        "ami_gpu:\n\t$(PACKER) build -var aws_region=$(REGION) -only 'amazon-ebs.gpu' packer-ami.pkr.hcl\n\n"
        "ami_neuron:\n\t$(PACKER) build -var aws_region=$(REGION) -only 'amazon-ebs.neuron' packer-ami.pkr.hcl\n\n"
        "validate:\n\t$(PACKER) validate packer-ami.pkr.hcl\n");
    put(c, "2.ami_and_containers/1.amazon_machine_image/packer-ami.pkr.hcl", R"~(variable "aws_region" {
  type    = string
  default = "us-east-1"
}

source "amazon-ebs" "gpu" {
  ami_name      = "dlami-gpu-{{timestamp}}"
  instance_type = "g5.2xlarge"
  region        = var.aws_region
  source_ami_filter {
    filters = {
      name = "Deep Learning Base OSS Nvidia Driver GPU AMI (Ubuntu 22.04)*"
    }
    owners      = ["amazon"]
    most_recent = true
  }
  ssh_username = "ubuntu"
}

build {
  sources = ["source.amazon-ebs.gpu"]
  provisioner "ansible" {
    playbook_file = "./playbook-dlami-gpu.yml"
  }
}
)~");
    put(c, "2.ami_and_containers/1.amazon_machine_image/playbook-dlami-gpu.yml", R"~(- name: Deep Learning AMI (GPU)
  hosts: all
  become: true
  vars:
    efa_installer_version: "1.34.0"
  tasks:
    - name: Install EFA
      ansible.builtin.shell: |
        curl -O https://efa-installer.amazonaws.com/aws-efa-installer-{{ efa_installer_version }}.tar.gz
        tar xf aws-efa-installer-{{ efa_installer_version }}.tar.gz
        cd aws-efa-installer && ./efa_installer.sh -y
    - name: Install Enroot and Pyxis
      ansible.builtin.apt:
        name: [enroot, enroot+caps]
        state: present
)~");
    put(c, "2.ami_and_containers/containers/README.md", R"~(# Base containers

| Image | Dockerfile |
| --- | --- |
| PyTorch + EFA | [pytorch/Dockerfile](pytorch/Dockerfile) |

Build with `docker build -t pytorch-efa pytorch/`. See the
[FSDP test case](../../3.test_cases/pytorch/FSDP/Dockerfile) for an image that extends it.
)~");
    put(c, "2.ami_and_containers/containers/pytorch/Dockerfile", R"~(FROM nvcr.io/nvidia/pytorch:24.07-py3
ARG EFA_INSTALLER_VERSION=1.34.0
ARG AWS_OFI_NCCL_VERSION=v1.11.0-aws
RUN apt-get update && apt-get install -y --no-install-recommends libhwloc-dev autoconf automake libtool \
    && rm -rf /var/lib/apt/lists/*
RUN cd /tmp && curl -O https://efa-installer.amazonaws.com/aws-efa-installer-${EFA_INSTALLER_VERSION}.tar.gz \
    && tar -xf aws-efa-installer-${EFA_INSTALLER_VERSION}.tar.gz && cd aws-efa-installer \
    && ./efa_installer.sh -y -g -d --skip-kmod --skip-limit-conf --no-verify && rm -rf /tmp/aws-efa-installer*
RUN git clone -b ${AWS_OFI_NCCL_VERSION} https://github.com/aws/aws-ofi-nccl.git /opt/aws-ofi-nccl-src \
    && cd /opt/aws-ofi-nccl-src && ./autogen.sh \
    && ./configure --prefix=/opt/aws-ofi-nccl --with-libfabric=/opt/amazon/efa --with-cuda=/usr/local/cuda \
    && make -j && make install
ENV LD_LIBRARY_PATH=/opt/aws-ofi-nccl/lib:/opt/amazon/efa/lib:$LD_LIBRARY_PATH
)~");
}

// ---------------------------------------------------------------------------------------------
// 3.test_cases
// ---------------------------------------------------------------------------------------------

struct CaseSpec {
    std::string fw;          // pytorch | megatron | jax
    std::string dir;         // directory name under 3.test_cases/<fw>/
    std::string title;       // README title
    std::string summary;     // one paragraph
    std::string base_image;  // Dockerfile FROM
    std::string launcher;    // torchrun | deepspeed | python3
    std::string entry;       // training entry point
    std::string model;       // default model name
    std::vector<std::string> requirements;
    int nodes = 2;
    int steps = 1000;
    int global_batch = 256;
    std::string lr = "3e-4";
    std::string extra_md;  // appended to the README
    std::string job = "training";  // sbatch script is slurm/<dir>-<job>.sbatch
};

std::string path_of(const CaseSpec& s) { return "3.test_cases/" + s.fw + "/" + s.dir; }

std::string sbatch_name(const CaseSpec& s) { return lower(s.dir) + "-" + s.job + ".sbatch"; }
std::string k8s_name(const CaseSpec& s) { return lower(s.dir) + (s.fw == "jax" ? "-job.yaml" : "-pytorchjob.yaml"); }

Vars case_vars(const CaseSpec& s) {
    return {{"@TITLE@", s.title},
            {"@SUMMARY@", s.summary},
            {"@FW@", s.fw},
            {"@CASE@", s.dir},
            {"@CASE_LC@", lower(s.dir)},
            {"@BASE_IMAGE@", s.base_image},
            {"@LAUNCH@", s.launcher},
            {"@ENTRY@", s.entry},
            {"@MODEL@", s.model},
            {"@NODES@", std::to_string(s.nodes)},
            {"@STEPS@", std::to_string(s.steps)},
            {"@GBS@", std::to_string(s.global_batch)},
            {"@LR@", s.lr},
            {"@SBATCH@", sbatch_name(s)},
            {"@K8S@", k8s_name(s)}};
}

const char* const kCaseReadme = R"~(# @TITLE@

@SUMMARY@

This test case is part of [AWSome Distributed Training](../../../README.md). It runs on
[AWS ParallelCluster](../../../1.architectures/2.aws-parallelcluster/README.md),
[Amazon SageMaker HyperPod](../../../1.architectures/5.sagemaker-hyperpod/README.md#deploy-the-cluster) and
[Amazon EKS](../../../1.architectures/4.amazon-eks/README.md).

![Architecture](../../../0.docs/images/architecture-overview.png)

## Contents

| Path | What it is |
| --- | --- |
| [slurm](slurm/) | sbatch scripts for Slurm clusters |
| [kubernetes](./kubernetes/) | manifests for Amazon EKS |
| [Dockerfile](./Dockerfile) | container image used on both |
| [Makefile](Makefile) | builds the image and the Enroot squash file |
| [`@ENTRY@`](./@ENTRY@) | training entry point |
| [requirements.txt](requirements.txt) | Python dependencies |

## Prerequisites

- A cluster built from one of the [architectures](../../../1.architectures/0.common/README.md#choosing-an-architecture).
- A shared file system mounted at `/fsx` (see [shared storage](../../../1.architectures/2.aws-parallelcluster/README.md#shared-storage)).
- [NCCL tests](../../../4.validation_and_observability/0.nccl-tests/README.md) passing on all nodes.

## 1. Build the container

```bash
git clone https://github.com/aws-samples/awsome-distributed-training.git
cd awsome-distributed-training/3.test_cases/@FW@/@CASE@
make build enroot
```

## Running on Slurm

```bash
cd slurm
sbatch @SBATCH@
```

The job trains `@MODEL@` on @NODES@ nodes. Logs go to `slurm/logs/`.

## Running on Kubernetes

```bash
kubectl apply -f kubernetes/@K8S@
kubectl logs -f -l training.kubeflow.org/job-name=@CASE_LC@
```

Build the image first as described in [1. Build the container](#1-build-the-container).
)~";

const char* const kDockerfile = R"~(FROM @BASE_IMAGE@

ARG EFA_INSTALLER_VERSION=1.34.0
ARG AWS_OFI_NCCL_VERSION=v1.11.0-aws

RUN apt-get update && apt-get install -y --no-install-recommends curl git libhwloc-dev \
    && rm -rf /var/lib/apt/lists/*

# EFA installer (userspace only; the kernel module comes from the host AMI).
RUN cd /tmp && curl -O https://efa-installer.amazonaws.com/aws-efa-installer-${EFA_INSTALLER_VERSION}.tar.gz \
    && tar -xf aws-efa-installer-${EFA_INSTALLER_VERSION}.tar.gz && cd aws-efa-installer \
    && ./efa_installer.sh -y -g -d --skip-kmod --skip-limit-conf --no-verify \
    && rm -rf /tmp/aws-efa-installer*

COPY requirements.txt /workspace/requirements.txt
RUN pip install --no-cache-dir -r /workspace/requirements.txt

COPY *.py /workspace/
WORKDIR /workspace
ENV NCCL_DEBUG=WARN
)~";

std::string case_makefile(const CaseSpec& s) {
    return subst(
        "# Build the @TITLE@ image and convert it for Enroot/Pyxis.\n"
        "IMAGE ?= @CASE_LC@\n"
        "TAG ?= latest\n"
        "ENROOT_IMAGE ?= /fsx/apps/$(IMAGE).sqsh\n"
        "\n"
        ".PHONY: build enroot check push clean\n"
        "\n"
        "build:\n"
        "\tdocker build -t $(IMAGE):$(TAG) -f Dockerfile .\n"
        "\n"
        "enroot: build\n"
        "\trm -f $(ENROOT_IMAGE)\n"
        "\tenroot import -o $(ENROOT_IMAGE) dockerd://$(IMAGE):$(TAG)\n"
        "\n"
        "check:\n"
        "\tcd ../../../1.architectures/0.common && ./common.sh check\n"
        "\tbash ../../../4.validation_and_observability/1.pytorch-env-validation/env-check.sh\n"
        "\n"
        "push: build\n"
        "\tdocker tag $(IMAGE):$(TAG) $(REGISTRY)/$(IMAGE):$(TAG)\n"
        "\tdocker push $(REGISTRY)/$(IMAGE):$(TAG)\n"
        "\n"
        "clean:\n"
        "\trm -f $(ENROOT_IMAGE)\n",
        case_vars(s));
}

const char* const kSbatch = R"~(#!/bin/bash
#SBATCH --job-name=@CASE_LC@
#SBATCH --nodes=@NODES@
#SBATCH --ntasks-per-node=1
#SBATCH --gpus-per-node=8
#SBATCH --exclusive
#SBATCH --output=logs/%x_%j.out
#SBATCH --error=logs/%x_%j.err

# Submit from this directory (cd slurm && sbatch @SBATCH@); relative paths below start here.
set -euo pipefail

source ../../../../1.architectures/0.common/env-vars.sh
@SOURCE_EXTRA@
export IMAGE=${IMAGE:-/fsx/apps/@CASE_LC@.sqsh}
export CHECKPOINT_DIR=${CHECKPOINT_DIR:-/fsx/checkpoints/@CASE_LC@}
mkdir -p logs "${CHECKPOINT_DIR}"

declare -a LAUNCH_ARGS=(
    --nproc_per_node=8
    --nnodes=${SLURM_JOB_NUM_NODES}
    --rdzv_id=${SLURM_JOB_ID}
    --rdzv_backend=c10d
    --rdzv_endpoint=$(hostname):29500
)

srun -l --container-image "${IMAGE}" --container-mounts /fsx:/fsx \
    @LAUNCH@ "${LAUNCH_ARGS[@]}" /workspace/@ENTRY@ \
    --model @MODEL@ \
    --max_steps @STEPS@ \
    --global_batch_size @GBS@ \
    --checkpoint_dir "${CHECKPOINT_DIR}"
)~";

const char* const kPyTorchJob = R"~(apiVersion: kubeflow.org/v1
kind: PyTorchJob
metadata:
  name: @CASE_LC@
  labels:
    app.kubernetes.io/part-of: awsome-distributed-training
spec:
  elasticPolicy:
    rdzvBackend: c10d
    minReplicas: 1
    maxReplicas: @NODES@
    maxRestarts: 3
  pytorchReplicaSpecs:
    Worker:
      replicas: @NODES@
      restartPolicy: OnFailure
      template:
        spec:
          containers:
            - name: pytorch
              image: ${REGISTRY}/@CASE_LC@:latest
              imagePullPolicy: Always
              command: ["@LAUNCH@"]
              args:
                - --nproc_per_node=8
                - /workspace/@ENTRY@
                - --model=@MODEL@
                - --max_steps=@STEPS@
                - --checkpoint_dir=/fsx/checkpoints/@CASE_LC@
              env:
                - name: FI_PROVIDER
                  value: efa
                - name: NCCL_DEBUG
                  value: WARN
              resources:
                limits:
                  nvidia.com/gpu: 8
                  vpc.amazonaws.com/efa: 32
              volumeMounts:
                - name: fsx
                  mountPath: /fsx
          volumes:
            - name: fsx
              persistentVolumeClaim:
                claimName: fsx-claim
)~";

const char* const kJaxJob = R"~(apiVersion: batch/v1
kind: Job
metadata:
  name: @CASE_LC@
spec:
  completionMode: Indexed
  completions: @NODES@
  parallelism: @NODES@
  template:
    spec:
      subdomain: @CASE_LC@
      restartPolicy: Never
      containers:
        - name: jax
          image: ${REGISTRY}/@CASE_LC@:latest
          command: ["python3", "/workspace/@ENTRY@", "--model=@MODEL@", "--max_steps=@STEPS@"]
          env:
            - name: JAX_COORDINATOR_ADDRESS
              value: @CASE_LC@-0.@CASE_LC@:1234
            - name: JAX_NUM_PROCESSES
              value: "@NODES@"
          resources:
            limits:
              nvidia.com/gpu: 8
              vpc.amazonaws.com/efa: 32
)~";

const char* const kTorchEntry = R"~(#!/usr/bin/env python3
"""@TITLE@: training entry point.

Launched by ``slurm/@SBATCH@`` on Slurm clusters and by ``kubernetes/@K8S@`` on Amazon EKS.
"""
import argparse
import os
import time

import torch
import torch.distributed as dist

from model_utils import build_dataloader, build_model, get_lr, save_checkpoint


def parse_args():
    parser = argparse.ArgumentParser(description="@TITLE@")
    parser.add_argument("--model", default="@MODEL@")
    parser.add_argument("--max_steps", type=int, default=@STEPS@)
    parser.add_argument("--global_batch_size", type=int, default=@GBS@)
    parser.add_argument("--lr", type=float, default=@LR@)
    parser.add_argument("--checkpoint_dir", default="/fsx/checkpoints/@CASE_LC@")
    parser.add_argument("--checkpoint_freq", type=int, default=500)
    return parser.parse_args()


def main():
    args = parse_args()
    dist.init_process_group(backend="nccl")
    local_rank = int(os.environ.get("LOCAL_RANK", 0))
    torch.cuda.set_device(local_rank)

    model = build_model(args.model, device=local_rank)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.1)
    loader = build_dataloader(args.global_batch_size // dist.get_world_size())

    start = time.time()
    for step, batch in enumerate(loader, start=1):
        loss = model(**batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        for group in optimizer.param_groups:
            group["lr"] = get_lr(step, args.lr, args.max_steps)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if dist.get_rank() == 0 and step % 10 == 0:
            print(f"step {step}: loss {loss.item():.4f} ({(time.time() - start) / step:.2f} s/step)", flush=True)
        if step % args.checkpoint_freq == 0:
            save_checkpoint(model, optimizer, step, args.checkpoint_dir)
        if step >= args.max_steps:
            break
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
)~";

const char* const kModelUtils = R"~("""Model, data and checkpoint helpers for @TITLE@."""
import math
import os

import torch
from torch.utils.data import DataLoader, Dataset


class SyntheticTokens(Dataset):
    """Random token sequences, so the test case runs without downloading a data set."""

    def __init__(self, vocab_size=32000, seq_len=2048, length=1_000_000):
        self.vocab_size, self.seq_len, self.length = vocab_size, seq_len, length

    def __len__(self):
        return self.length

    def __getitem__(self, idx):
        g = torch.Generator().manual_seed(idx)
        ids = torch.randint(0, self.vocab_size, (self.seq_len,), generator=g)
        return {"input_ids": ids, "labels": ids.clone()}


def build_model(name, device):
    from transformers import AutoConfig, AutoModelForCausalLM

    config = AutoConfig.from_pretrained(name)
    with torch.device(device):
        return AutoModelForCausalLM.from_config(config, torch_dtype=torch.bfloat16)


def build_dataloader(micro_batch_size):
    return DataLoader(SyntheticTokens(), batch_size=micro_batch_size, num_workers=2, pin_memory=True)


def get_lr(step, max_lr, max_steps, warmup=100):
    if step < warmup:
        return max_lr * step / warmup
    progress = (step - warmup) / max(1, max_steps - warmup)
    return 0.1 * max_lr + 0.9 * max_lr * 0.5 * (1 + math.cos(math.pi * progress))


def save_checkpoint(model, optimizer, step, directory):
    os.makedirs(directory, exist_ok=True)
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step},
               os.path.join(directory, f"step-{step:06d}.pt"))
)~";

const char* const kJaxEntry = R"~(#!/usr/bin/env python3
"""@TITLE@: multi-host JAX training entry point (``slurm/@SBATCH@``, ``kubernetes/@K8S@``)."""
import argparse

import jax
import jax.numpy as jnp
import optax

from model_utils import build_model, synthetic_batches


def main():
    parser = argparse.ArgumentParser(description="@TITLE@")
    parser.add_argument("--model", default="@MODEL@")
    parser.add_argument("--max_steps", type=int, default=@STEPS@)
    parser.add_argument("--global_batch_size", type=int, default=@GBS@)
    parser.add_argument("--checkpoint_dir", default="/fsx/checkpoints/@CASE_LC@")
    args, _ = parser.parse_known_args()

    jax.distributed.initialize()
    model, params = build_model(args.model, jax.random.PRNGKey(0))
    tx = optax.adamw(@LR@)
    opt_state = tx.init(params)

    @jax.jit
    def train_step(params, opt_state, batch):
        def loss_fn(p):
            logits = model.apply(p, batch["inputs"])
            return optax.softmax_cross_entropy_with_integer_labels(logits, batch["targets"]).mean()

        loss, grads = jax.value_and_grad(loss_fn)(params)
        updates, opt_state = tx.update(grads, opt_state, params)
        return optax.apply_updates(params, updates), opt_state, loss

    for step, batch in zip(range(1, args.max_steps + 1), synthetic_batches(args.global_batch_size)):
        params, opt_state, loss = train_step(params, opt_state, batch)
        if jax.process_index() == 0 and step % 10 == 0:
            print(f"step {step}: loss {float(loss):.4f}", flush=True)


if __name__ == "__main__":
    main()
)~";

const char* const kJaxModelUtils = R"~("""Model and data helpers for @TITLE@."""
import flax.linen as nn
import jax
import jax.numpy as jnp


class TinyLM(nn.Module):
    vocab_size: int = 32000
    width: int = 1024

    @nn.compact
    def __call__(self, tokens):
        x = nn.Embed(self.vocab_size, self.width)(tokens)
        x = nn.Dense(4 * self.width)(x)
        x = nn.gelu(x)
        return nn.Dense(self.vocab_size)(x)


def build_model(name, rng):
    model = TinyLM()
    params = model.init(rng, jnp.zeros((1, 128), dtype=jnp.int32))
    return model, params


def synthetic_batches(batch_size, seq_len=128):
    key = jax.random.PRNGKey(1)
    while True:
        key, sub = jax.random.split(key)
        tokens = jax.random.randint(sub, (batch_size, seq_len + 1), 0, 32000)
        yield {"inputs": tokens[:, :-1], "targets": tokens[:, 1:]}
)~";

const char* const kCreateVenv = R"~(#!/usr/bin/env bash
# Create a Python virtual environment to run @TITLE@ outside a container.
set -euo pipefail
cd "$(dirname "$0")"
source ../../../4.validation_and_observability/1.pytorch-env-validation/env-check.sh
python3 -m venv .venv
source .venv/bin/activate
pip install --upgrade pip
pip install -r requirements.txt
check_python_env
)~";

void add_case(Changes& c, const CaseSpec& s) {
    const Vars v = case_vars(s);
    const std::string p = path_of(s) + "/";
    put(c, p + "README.md", subst(kCaseReadme, v) + s.extra_md);
    put(c, p + "Dockerfile", subst(kDockerfile, v));
    put(c, p + "Makefile", case_makefile(s));
    std::string req;
    for (const auto& r : s.requirements) req += r + "\n";
    put(c, p + "requirements.txt", req);
    const bool jax = s.fw == "jax";
    put(c, p + s.entry, subst(jax ? kJaxEntry : kTorchEntry, v));
    put(c, p + "model_utils.py", subst(jax ? kJaxModelUtils : kModelUtils, v));
    put(c, p + "create-venv.sh", subst(kCreateVenv, v), Mode::Executable);
    Vars sv = v;
    sv.emplace_back("@SOURCE_EXTRA@", s.dir == "FSDP" ? "source ./common.sh   # symlink to the shared helpers\n" : "");
    put(c, p + "slurm/" + sbatch_name(s), subst(kSbatch, sv), Mode::Executable);
    put(c, p + "kubernetes/" + k8s_name(s), subst(jax ? kJaxJob : kPyTorchJob, v));
}

std::vector<std::string> torch_reqs() {
    return {"torch==2.4.0", "transformers==4.44.2", "datasets==2.21.0", "accelerate==0.33.0"};
}

CaseSpec fsdp_spec() {
    CaseSpec s{"pytorch", "FSDP", "PyTorch FSDP",
               "Pre-train Llama-style models with PyTorch Fully Sharded Data Parallel (FSDP). Parameters, gradients "
               "and optimizer state are sharded across all GPUs.",
               "nvcr.io/nvidia/pytorch:24.07-py3", "torchrun", "train.py", "meta-llama/Meta-Llama-3-8B", torch_reqs()};
    s.nodes = 4;
    s.steps = 5000;
    s.global_batch = 512;
    s.extra_md = R"~(
## Shared helpers

[`slurm/common.sh`](slurm/common.sh) is a symbolic link to
[`1.architectures/0.common/common.sh`](../../../1.architectures/0.common/common.sh), so the sbatch script
can source it without copying. A [legacy launcher](./slurm/launch-legacy.sbatch) from older releases is
referenced by some blog posts.

## Related test cases

- [DeepSpeed](../deepspeed/README.md) for ZeRO-based sharding.
- [Megatron-LM](../../megatron/megatron-lm/README.md#running-on-slurm) for tensor and pipeline parallelism.
- The [FSDP paper][fsdp-paper] and the [PyTorch documentation][fsdp-docs].

![FSDP sharding](../../../0.docs/images/fsdp-architecture.png)

[fsdp-paper]: https://arxiv.org/abs/2304.11277
[fsdp-docs]: https://pytorch.org/docs/stable/fsdp.html "PyTorch FSDP"
[hyperpod]: ../../../1.architectures/5.sagemaker-hyperpod/README.md
)~";
    return s;
}

std::vector<CaseSpec> pytorch_specs() {
    std::vector<CaseSpec> v;
    v.push_back(fsdp_spec());
    CaseSpec ds{"pytorch", "deepspeed", "DeepSpeed ZeRO-3",
                "Fine-tune and pre-train models with DeepSpeed ZeRO stage 3 and CPU offload.",
                "nvcr.io/nvidia/pytorch:24.07-py3", "deepspeed", "train_ds.py", "meta-llama/Llama-2-13b-hf",
                {"torch==2.4.0", "deepspeed==0.15.1", "transformers==4.44.2", "datasets==2.21.0"}};
    ds.extra_md = "\nSee also [FSDP](../FSDP/README.md#running-on-slurm) for the native PyTorch alternative.\n";
    v.push_back(ds);
    CaseSpec vlm{"pytorch", "nanoVLM", "nanoVLM",
                 "Train a small vision-language model (SigLIP encoder + SmolLM decoder) with plain PyTorch DDP.",
                 "nvcr.io/nvidia/pytorch:24.07-py3", "torchrun", "train_vlm.py", "HuggingFaceTB/SmolLM2-360M",
                 {"torch==2.4.0", "torchvision==0.19.0", "transformers==4.44.2", "huggingface_hub==0.24.6"}};
    vlm.nodes = 1;
    vlm.lr = "1e-4";
    v.push_back(vlm);
    CaseSpec tt{"pytorch", "torchtitan", "torchtitan",
                "Pre-train Llama 3 with torchtitan, the PyTorch-native platform for large-scale training "
                "(FSDP2, tensor parallelism, float8).",
                "nvcr.io/nvidia/pytorch:24.07-py3", "torchrun", "train_titan.py", "llama3_8b",
                {"torch==2.5.0", "torchdata==0.8.0", "tiktoken==0.7.0", "tomli==2.0.1"}};
    tt.nodes = 4;
    v.push_back(tt);
    return v;
}

std::vector<CaseSpec> megatron_jax_specs() {
    std::vector<CaseSpec> v;
    CaseSpec mlm{"megatron", "megatron-lm", "Megatron-LM GPT pre-training",
                 "Pre-train GPT models with NVIDIA Megatron-LM using tensor, pipeline and sequence parallelism.",
                 "nvcr.io/nvidia/pytorch:24.07-py3", "torchrun", "pretrain_gpt_launcher.py", "gpt3-175b",
                 {"megatron-core==0.8.0", "nltk==3.9.1", "sentencepiece==0.2.0"}};
    mlm.nodes = 8;
    mlm.global_batch = 1536;
    mlm.lr = "6e-5";
    mlm.extra_md = "\nData preparation follows the [NeMo test case](../nemo/README.md#1-build-the-container).\n";
    v.push_back(mlm);
    CaseSpec nemo{"megatron", "nemo", "NVIDIA NeMo",
                  "Pre-train and fine-tune large language models with the NVIDIA NeMo framework recipes.",
                  "nvcr.io/nvidia/nemo:24.07", "torchrun", "run_nemo.py", "llama3_70b",
                  {"nemo_toolkit[nlp]==2.0.0", "nemo-run==0.1.0"}};
    nemo.nodes = 8;
    v.push_back(nemo);
    CaseSpec pax{"jax", "paxml", "PaxML on JAX",
                 "Train GPT-style models with PaxML and JAX, using multi-host SPMD over EFA.",
                 "ghcr.io/nvidia/jax:pax-2024-07-01", "python3", "run_pax.py", "lm_cloud_spmd_1b",
                 {"jax[cuda12]==0.4.31", "flax==0.8.5", "optax==0.2.3", "paxml==1.4.0"}};
    pax.lr = "1e-3";
    v.push_back(pax);
    return v;
}

std::vector<CaseSpec> use_case_specs() {
    std::vector<CaseSpec> v;
    CaseSpec bio{"pytorch", "bionemo", "BioNeMo protein language models",
                 "Pre-train ESM-2 protein language models with NVIDIA BioNeMo on UniRef50.",
                 "nvcr.io/nvidia/clara/bionemo-framework:1.9", "torchrun", "train_esm2.py", "esm2_650m",
                 {"bionemo-esm2==1.0.0", "pandas==2.2.2"}};
    v.push_back(bio);
    CaseSpec trl{"pytorch", "trl", "GRPO post-training with TRL",
                 "Reinforcement-learning post-training (GRPO) of a Qwen model with Hugging Face TRL and vLLM generation.",
                 "nvcr.io/nvidia/pytorch:24.07-py3", "accelerate", "train_grpo.py", "Qwen/Qwen2.5-7B-Instruct",
                 {"trl==0.14.0", "vllm==0.7.0", "peft==0.13.0", "accelerate==1.2.1"}};
    trl.lr = "1e-6";
    v.push_back(trl);
    CaseSpec vllm{"pytorch", "vllm-serving", "Serving with vLLM",
                  "Serve models with vLLM on multi-node GPU clusters; pipeline parallelism across nodes.",
                  "vllm/vllm-openai:v0.6.1", "python3", "serve.py", "meta-llama/Meta-Llama-3.1-70B-Instruct",
                  {"vllm==0.6.1", "ray[default]==2.35.0"}};
    vllm.nodes = 2;
    vllm.job = "server";
    v.push_back(vllm);
    return v;
}

// Synthetic test case number `n` (>= 2) of a framework, same shape as the real ones.
CaseSpec synthetic_spec(const std::string& fw, int n, std::mt19937& rng) {
    static const char* const sizes[] = {"125m", "350m", "1b", "3b", "7b", "13b", "30b", "70b"};
    const std::string id = fmt::format("model-{:03}", n);
    const std::string size = sizes[rng() % 8];
    CaseSpec s;
    s.fw = fw;
    s.dir = id;
    s.title = fmt::format("Model {:03} ({} parameters, {})", n, size, fw);
    s.summary = fmt::format("Reference pre-training recipe for a {}-parameter decoder-only model with {}. Generated to "
                            "exercise tooling on repositories with many test cases.",
                            size, fw == "jax" ? "JAX" : (fw == "megatron" ? "Megatron-Core" : "PyTorch"));
    s.base_image = fw == "jax" ? "ghcr.io/nvidia/jax:maxtext-2024-07-01" : "nvcr.io/nvidia/pytorch:24.07-py3";
    s.launcher = fw == "jax" ? "python3" : "torchrun";
    s.entry = "train.py";
    s.model = fmt::format("synthetic-{}", size);
    s.requirements = fw == "jax" ? std::vector<std::string>{"jax[cuda12]==0.4.31", "flax==0.8.5", "optax==0.2.3"}
                                 : torch_reqs();
    s.nodes = 1 << (rng() % 4);
    s.steps = 500 * static_cast<int>(1 + rng() % 20);
    s.global_batch = 64 << (rng() % 5);
    s.lr = fmt::format("{}e-{}", 1 + rng() % 9, 4 + rng() % 2);
    return s;
}

// ---------------------------------------------------------------------------------------------
// 4.validation_and_observability, micro-benchmarks
// ---------------------------------------------------------------------------------------------

void add_validation(Changes& c) {
    const std::string V = "4.validation_and_observability/";
    put(c, V + "0.nccl-tests/README.md", R"~(# NCCL tests

Measure all-reduce, all-gather and reduce-scatter bandwidth across nodes with
[nccl-tests](https://github.com/NVIDIA/nccl-tests).

## Running on Slurm

```bash
sbatch nccl-tests.sbatch
```

## Running on Kubernetes

```bash
kubectl apply -f nccl-tests-mpijob.yaml
```

Expected bus bandwidth on p5.48xlarge is about 350 GB/s for 1 GiB messages. Build the container with the
[AMI and container scripts](../../2.ami_and_containers/README.md#container-images).
)~");
    put(c, V + "0.nccl-tests/nccl-tests.sbatch", R"~(#!/bin/bash
#SBATCH --job-name=nccl-all_reduce_perf
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=8
#SBATCH --exclusive
#SBATCH --output=logs/%x_%j.out
set -euo pipefail
source ../../1.architectures/0.common/env-vars.sh
srun --mpi=pmix --container-image /fsx/apps/nccl-tests.sqsh \
    /opt/nccl-tests/build/all_reduce_perf -b 8 -e 8G -f 2 -g 1 -c 1 -n 100
)~",
        Mode::Executable);
    put(c, V + "0.nccl-tests/nccl-tests-mpijob.yaml", R"~(apiVersion: kubeflow.org/v2beta1
kind: MPIJob
metadata:
  name: nccl-tests
spec:
  runPolicy:
    cleanPodPolicy: Running
  slotsPerWorker: 8
  mpiReplicaSpecs:
    Launcher:
      replicas: 1
      template:
        spec:
          containers:
            - name: launcher
              image: ${REGISTRY}/nccl-tests:latest
              command: ["/opt/amazon/openmpi/bin/mpirun", "-np", "16", "/opt/nccl-tests/build/all_reduce_perf", "-b", "8", "-e", "8G", "-f", "2"]
    Worker:
      replicas: 2
      template:
        spec:
          containers:
            - name: worker
              image: ${REGISTRY}/nccl-tests:latest
              resources:
                limits:
                  nvidia.com/gpu: 8
                  vpc.amazonaws.com/efa: 32
)~");
    put(c, V + "0.nccl-tests/nccl-tests.Dockerfile", R"~(FROM nvcr.io/nvidia/pytorch:24.07-py3
ARG NCCL_TESTS_VERSION=v2.13.10
RUN git clone -b ${NCCL_TESTS_VERSION} https://github.com/NVIDIA/nccl-tests.git /opt/nccl-tests \
    && cd /opt/nccl-tests && make MPI=1 MPI_HOME=/opt/amazon/openmpi CUDA_HOME=/usr/local/cuda -j
)~");

    put(c, V + "1.pytorch-env-validation/README.md", R"~(# PyTorch environment validation

[pytorch-screen.py](./pytorch-screen.py) prints the versions of PyTorch, CUDA, NCCL and EFA seen inside a
container, and [env-check.sh](env-check.sh) provides `check_python_env`, used by the test cases'
`create-venv.sh` scripts.

```bash
python3 pytorch-screen.py        # inside the container
sbatch pytorch-screen.sbatch      # on every node of a Slurm cluster
```
)~");
    put(c, V + "1.pytorch-env-validation/env-check.sh", R"~(# Sourced by test case scripts: defines check_python_env.
check_python_env() {
    python3 - <<'EOF'
import torch
print("torch", torch.__version__, "cuda", torch.version.cuda, "nccl", torch.cuda.nccl.version())
print("gpus", torch.cuda.device_count())
EOF
}
)~");
    put(c, V + "1.pytorch-env-validation/pytorch-screen.py", R"~(#!/usr/bin/env python3
"""Print the software stack visible to PyTorch on this node."""
import os
import subprocess

import torch


def main():
    print(f"PyTorch {torch.__version__}, CUDA {torch.version.cuda}, cuDNN {torch.backends.cudnn.version()}")
    print(f"NCCL {'.'.join(map(str, torch.cuda.nccl.version()))}")
    print(f"GPUs: {torch.cuda.device_count()} x {torch.cuda.get_device_name(0) if torch.cuda.is_available() else '-'}")
    print(f"FI_PROVIDER={os.environ.get('FI_PROVIDER', '')}")
    if os.path.exists("/opt/amazon/efa/bin/fi_info"):
        subprocess.run(["/opt/amazon/efa/bin/fi_info", "-p", "efa", "-t", "FI_EP_RDM"], check=False)


if __name__ == "__main__":
    main()
)~");
    put(c, V + "1.pytorch-env-validation/pytorch-screen.sbatch", R"~(#!/bin/bash
#SBATCH --job-name=pytorch-screen
#SBATCH --nodes=1
#SBATCH --exclusive
set -euo pipefail
source ../../1.architectures/0.common/env-vars.sh
srun --container-image /fsx/apps/pytorch-efa.sqsh --container-mounts "$PWD:/check" python3 /check/pytorch-screen.py
)~",
        Mode::Executable);

    put(c, V + "2.gpu-cluster-healthcheck/README.md", R"~(# GPU cluster health checks

Run [gpu-healthcheck.sh](./gpu-healthcheck.sh) on every node before long training jobs.

## What is checked

- `nvidia-smi` reports all GPUs and no retired pages are pending.
- DCGM diagnostics level 2 passes.
- EFA devices are visible (`fi_info -p efa`).

HyperPod runs similar checks automatically; see the
[HyperPod architecture](../../1.architectures/5.sagemaker-hyperpod/README.md#prerequisites).
)~");
    put(c, V + "2.gpu-cluster-healthcheck/gpu-healthcheck.sh", R"~(#!/usr/bin/env bash
# Exit non-zero if this node should not run training jobs.
set -euo pipefail
fail() { echo "UNHEALTHY: $*" >&2; exit 1; }
EXPECTED_GPUS=${EXPECTED_GPUS:-8}
count=$(nvidia-smi --query-gpu=index --format=csv,noheader | wc -l)
[[ "$count" -eq "$EXPECTED_GPUS" ]] || fail "expected $EXPECTED_GPUS GPUs, found $count"
nvidia-smi --query-retired-pages=retired_pages.pending --format=csv,noheader | grep -q Yes && fail "pending retired pages"
dcgmi diag -r 2 >/dev/null || fail "dcgm diagnostics"
/opt/amazon/efa/bin/fi_info -p efa >/dev/null || fail "no EFA devices"
echo "HEALTHY"
)~",
        Mode::Executable);

    put(c, V + "3.efa-node-exporter/README.md", R"~(# EFA node exporter

A Prometheus node exporter with an EFA collector (`rdma_read_bytes`, `tx_bytes`, `rx_drops`).
Deploy it with [efa-node-exporter.yaml](efa-node-exporter.yaml) and scrape it from
[Prometheus and Grafana](../4.prometheus-grafana/README.md).
)~");
    put(c, V + "3.efa-node-exporter/efa-node-exporter.yaml", R"~(apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: efa-node-exporter
  namespace: monitoring
spec:
  selector:
    matchLabels:
      app: efa-node-exporter
  template:
    metadata:
      labels:
        app: efa-node-exporter
    spec:
      hostNetwork: true
      containers:
        - name: exporter
          image: ${REGISTRY}/efa-node-exporter:latest
          ports:
            - containerPort: 9100
              name: metrics
)~");
    put(c, V + "3.efa-node-exporter/Dockerfile", R"~(FROM golang:1.22 AS build
WORKDIR /src
RUN git clone --depth 1 https://github.com/prometheus/node_exporter.git . && make build
FROM ubuntu:22.04
COPY --from=build /src/node_exporter /usr/local/bin/node_exporter
ENTRYPOINT ["/usr/local/bin/node_exporter", "--collector.infiniband"]
)~");

    put(c, V + "4.prometheus-grafana/README.md", R"~(# Prometheus and Grafana

Dashboards for GPU (DCGM), EFA and Slurm metrics.

```bash
docker compose -f docker-compose.yml up -d
```

Grafana listens on port 3000; the dashboards are provisioned from [dashboards](./dashboards/).
Metrics come from the [EFA node exporter](../3.efa-node-exporter/README.md).
)~");
    put(c, V + "4.prometheus-grafana/docker-compose.yml", R"~(services:
  prometheus:
    image: prom/prometheus:v2.53.0
    volumes:
      - ./prometheus.yml:/etc/prometheus/prometheus.yml:ro
    ports: ["9090:9090"]
  grafana:
    image: grafana/grafana:11.1.0
    volumes:
      - ./dashboards:/var/lib/grafana/dashboards:ro
    ports: ["3000:3000"]
)~");
    put(c, V + "4.prometheus-grafana/prometheus.yml", R"~(global:
  scrape_interval: 15s
scrape_configs:
  - job_name: dcgm
    static_configs:
      - targets: ["localhost:9400"]
  - job_name: efa
    static_configs:
      - targets: ["localhost:9100"]
  - job_name: slurm
    static_configs:
      - targets: ["localhost:8080"]
)~");
    put(c, V + "4.prometheus-grafana/dashboards/gpu-overview.json", R"~({
  "title": "GPU overview",
  "uid": "gpu-overview",
  "panels": [
    {"type": "timeseries", "title": "GPU utilization", "targets": [{"expr": "avg by (Hostname) (DCGM_FI_DEV_GPU_UTIL)"}]},
    {"type": "timeseries", "title": "EFA RX bytes", "targets": [{"expr": "rate(node_infiniband_port_data_received_bytes_total[1m])"}]}
  ],
  "schemaVersion": 39
}
)~");

    put(c, "micro-benchmarks/nccl-tests/README.md", R"~(# NCCL micro-benchmarks

Sweeps of NCCL collectives across message sizes and node counts. For a quick health check use the
[validation NCCL tests](../../4.validation_and_observability/0.nccl-tests/README.md) instead.

```bash
./run-nccl-sweep.sh 2 16
```
)~");
    put(c, "micro-benchmarks/nccl-tests/run-nccl-sweep.sh", R"~(#!/usr/bin/env bash
# Submit all_reduce_perf for every node count between $1 and $2 (powers of two).
set -euo pipefail
MIN=${1:-2}
MAX=${2:-16}
cd ../../1.architectures/0.common && ./common.sh check && cd -
for ((n = MIN; n <= MAX; n *= 2)); do
    sbatch --nodes="$n" ../../4.validation_and_observability/0.nccl-tests/nccl-tests.sbatch
done
)~",
        Mode::Executable);
    put(c, "micro-benchmarks/nvshmem/README.md", R"~(# NVSHMEM benchmarks

Point-to-point and collective latency with NVSHMEM over EFA. Build with the
[Dockerfile](./nvshmem.Dockerfile) and run [nvshmem-perftest.sbatch](nvshmem-perftest.sbatch).
)~");
    put(c, "micro-benchmarks/nvshmem/nvshmem.Dockerfile", R"~(FROM nvcr.io/nvidia/pytorch:24.07-py3
ARG NVSHMEM_VERSION=3.0.6
RUN curl -L https://developer.download.nvidia.com/compute/redist/nvshmem/${NVSHMEM_VERSION}/source/nvshmem_src_${NVSHMEM_VERSION}-0.txz | tar xJ -C /opt \
    && cd /opt/nvshmem_src_${NVSHMEM_VERSION}-0 && NVSHMEM_LIBFABRIC_SUPPORT=1 cmake -B build && cmake --build build -j
)~");
    put(c, "micro-benchmarks/nvshmem/nvshmem-perftest.sbatch", R"~(#!/bin/bash
#SBATCH --job-name=nvshmem-perftest
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=8
#SBATCH --exclusive
set -euo pipefail
source ../../1.architectures/0.common/env-vars.sh
export NVSHMEM_REMOTE_TRANSPORT=libfabric
export NVSHMEM_LIBFABRIC_PROVIDER=efa
srun --mpi=pmix --container-image /fsx/apps/nvshmem.sqsh /opt/nvshmem/perftest/device/pt-to-pt/shmem_put_bw
)~",
        Mode::Executable);
}

// ---------------------------------------------------------------------------------------------
// .github
// ---------------------------------------------------------------------------------------------

void add_github(Changes& c) {
    put(c, ".github/CODEOWNERS", R"~(# Code owners are requested for review automatically. Later lines take precedence.
*                                          @aws-samples/awsome-distributed-training-maintainers
*.md                                       @docs-team
/0.docs/                                   @docs-team
/1.architectures/                          @infra-owner
/1.architectures/5.sagemaker-hyperpod/     @hyperpod-owner
/1.architectures/7.sagemaker-hyperpod-eks/ @hyperpod-owner @eks-owner
/2.ami_and_containers/                     @infra-owner
/3.test_cases/pytorch/                     @owner-a
/3.test_cases/pytorch/FSDP/                @owner-a @fsdp-owner
/3.test_cases/megatron/                    @owner-b
/3.test_cases/jax/                         @owner-c
/4.validation_and_observability/           @observability-team
/micro-benchmarks/                         @observability-team
/.github/                                  @ci-owner
)~");
    put(c, ".github/workflows/fsdp-regression.yml", R"~(name: FSDP regression test

on:
  push:
    branches: [main]
    paths:
      - '3.test_cases/pytorch/FSDP/**'
      - '1.architectures/0.common/**'
      - '!**/*.md'
  pull_request:
    paths:
      - '3.test_cases/pytorch/FSDP/**'
      - '!**/*.md'

jobs:
  build:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: 3.test_cases/pytorch/FSDP
    steps:
      - uses: actions/checkout@v4
      - name: Build the container
        run: make build
      - name: Lint the sbatch scripts
        run: |
          cd slurm
          shellcheck -x *.sbatch
  smoke:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Compile the training script
        working-directory: 3.test_cases/pytorch/FSDP
        run: python -m py_compile train.py model_utils.py
      - name: Check the shared helpers
        run: |
          cd 1.architectures/0.common
          bash -n common.sh
)~");
    put(c, ".github/workflows/megatron-ci.yml", R"~(name: Megatron and NeMo containers

on:
  pull_request:
    paths:
      - '3.test_cases/megatron/**'
    paths-ignore:
      - '3.test_cases/megatron/**/*.md'

jobs:
  docker-build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        case: [megatron-lm, nemo]
    steps:
      - uses: actions/checkout@v4
      - name: Build ${{ matrix.case }}
        run: |
          cd 3.test_cases/megatron/${{ matrix.case }}
          docker build -t ${{ matrix.case }} .
)~");
    put(c, ".github/workflows/pytorch-lint.yml", R"~(name: PyTorch test cases

on:
  push:
    branches: [main]
    paths:
      - '3.test_cases/pytorch/**'
      - '3.test_cases/jax/**'
  pull_request:
    paths:
      - '3.test_cases/**/*.py'
      - '3.test_cases/**/requirements.txt'

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: '3.11'
      - run: pip install ruff
      - name: Ruff
        run: ruff check 3.test_cases/pytorch 3.test_cases/jax
      - name: torchtitan sanity
        working-directory: ./3.test_cases/pytorch/torchtitan
        run: python -m py_compile train_titan.py
)~");
    put(c, ".github/workflows/cfn-lint.yml", R"~(name: CloudFormation lint

on:
  push:
    paths:
      - '1.architectures/**'
      - '!1.architectures/**/README.md'
  pull_request:
    paths:
      - '1.architectures/**'

jobs:
  cfn-lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install cfn-lint
      - name: Lint VPC and Batch templates
        run: |
          cfn-lint 1.architectures/1.vpc_network/*.yaml
          cfn-lint 1.architectures/3.aws-batch/aws-batch-distributed-training.yaml
          cfn-lint 1.architectures/7.sagemaker-hyperpod-eks/hyperpod-eks-cluster.yaml
      - name: Validate HyperPod JSON
        working-directory: 1.architectures/5.sagemaker-hyperpod
        run: python -m json.tool cluster-config.json > /dev/null
)~");
    put(c, ".github/workflows/docs.yml", R"~(name: Documentation links

on:
  pull_request:
    paths-ignore:
      - '1.architectures/**/*.yaml'
      - '3.test_cases/**/*.py'
      - '2.ami_and_containers/**'

jobs:
  links:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Check relative links
        uses: lycheeverse/lychee-action@v1
        with:
          args: --offline --include-fragments '**/*.md'
      - name: Validation READMEs
        run: cd 4.validation_and_observability/0.nccl-tests && test -f README.md
)~");
}

// ---------------------------------------------------------------------------------------------
// Padding for benchmarks
// ---------------------------------------------------------------------------------------------

std::string padding_config(std::size_t i, const std::string& case_path, std::mt19937& rng) {
    static const char* const optimizers[] = {"adamw", "adafactor", "lion", "sgd"};
    static const char* const precisions[] = {"bf16", "fp16", "fp8", "fp32"};
    const unsigned layers = 12 + 4 * (rng() % 20);
    const unsigned hidden = 768 + 256 * (rng() % 32);
    // One config in 50 names its test case's path, as real configs name data and script paths now
    // and then: enough path mentions for the rewriter to work on, not one in every file.
    const std::string about = i % 50 == 0 ? " for " + case_path : std::string();
    return fmt::format(
        "# Generated training configuration {:05}{}\n"
        "name: cfg-{:05}\n"
        "model:\n"
        "  num_layers: {}\n"
        "  hidden_size: {}\n"
        "  num_attention_heads: {}\n"
        "  seq_length: {}\n"
        "optimizer:\n"
        "  name: {}\n"
        "  lr: {}.0e-{}\n"
        "  weight_decay: 0.{}\n"
        "trainer:\n"
        "  precision: {}\n"
        "  global_batch_size: {}\n"
        "  max_steps: {}\n"
        "  seed: {}\n",
        i, about, i, layers, hidden, hidden / 128, 1024U << (rng() % 4), optimizers[rng() % 4], 1 + rng() % 9,
        3 + rng() % 3, rng() % 10, precisions[rng() % 4], 32U << (rng() % 6), 1000 * (1 + rng() % 50), rng() % 100000);
}

// ---------------------------------------------------------------------------------------------
// Writing the repository
// ---------------------------------------------------------------------------------------------

constexpr std::int64_t kEpoch20240101 = 1704067200;  // 2024-01-01T00:00:00Z

class RepoWriter {
public:
    explicit RepoWriter(fs::path dir) : dir_(std::move(dir)) {
        git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
        opts.flags = GIT_REPOSITORY_INIT_MKPATH;
        opts.initial_head = "main";
        git_repository* repo = nullptr;
        check(git_repository_init_ext(&repo, dir_.string().c_str(), &opts), "git_repository_init_ext");
        repo_.reset(repo);
        git_index* index = nullptr;
        check(git_repository_index(&index, repo_.get()), "git_repository_index");
        index_.reset(index);
        // New objects go to an in-memory store and are written as one packfile by finish(): writing
        // 100k loose objects costs far more system time than the packing does.
        git_odb* odb = nullptr;
        check(git_repository_odb(&odb, repo_.get()), "git_repository_odb");
        odb_.reset(odb);
        check(git_mempack_new(&mempack_), "git_mempack_new");
        if (const int rc = git_odb_add_backend(odb_.get(), mempack_, 999); rc < 0) {
            mempack_->free(mempack_);
            mempack_ = nullptr;
            check(rc, "git_odb_add_backend");
        }
    }

    // Writes every object created so far into a packfile under .git/objects/pack.
    void finish() {
        if (!head_) return;
        git_packbuilder* pb_raw = nullptr;
        check(git_packbuilder_new(&pb_raw, repo_.get()), "git_packbuilder_new");
        GitPtr<git_packbuilder> pb(pb_raw);
        git_packbuilder_set_threads(pb.get(), 0);
        git_revwalk* walk_raw = nullptr;
        check(git_revwalk_new(&walk_raw, repo_.get()), "git_revwalk_new");
        GitPtr<git_revwalk> walk(walk_raw);
        check(git_revwalk_push(walk.get(), &*head_), "git_revwalk_push");
        check(git_packbuilder_insert_walk(pb.get(), walk.get()), "git_packbuilder_insert_walk");
        check(git_packbuilder_write(pb.get(), nullptr, 0, nullptr, nullptr), "git_packbuilder_write");
        pb.reset();
        check(git_mempack_reset(mempack_), "git_mempack_reset");
    }

    void commit(const CommitSpec& spec) {
        for (const auto& [path, entry] : spec.changes) write_file(path, entry);
        for (const auto& [path, entry] : spec.changes) {
            (void)entry;
            check(git_index_add_bypath(index_.get(), path.c_str()), "git_index_add_bypath(" + path + ")");
        }
        check(git_index_write(index_.get()), "git_index_write");
        git_oid tree_id;
        check(git_index_write_tree(&tree_id, index_.get()), "git_index_write_tree");
        git_tree* tree_raw = nullptr;
        check(git_tree_lookup(&tree_raw, repo_.get(), &tree_id), "git_tree_lookup");
        GitPtr<git_tree> tree(tree_raw);

        const auto when = static_cast<git_time_t>(kEpoch20240101 + static_cast<std::int64_t>(commits_) * 86400 + 9 * 3600);
        git_signature* author_raw = nullptr;
        check(git_signature_new(&author_raw, "Demo Author", "demo@example.com", when, 0), "git_signature_new");
        GitPtr<git_signature> author(author_raw);
        git_signature* committer_raw = nullptr;
        check(git_signature_new(&committer_raw, "Demo Committer", "demo-ci@example.com", when + 600, 0),
              "git_signature_new");
        GitPtr<git_signature> committer(committer_raw);

        GitPtr<git_commit> parent;
        if (head_) {
            git_commit* p = nullptr;
            check(git_commit_lookup(&p, repo_.get(), &*head_), "git_commit_lookup");
            parent.reset(p);
        }
        const git_commit* parents[1] = {parent.get()};
        git_oid id;
        check(git_commit_create(&id, repo_.get(), "HEAD", author.get(), committer.get(), nullptr,
                                spec.message.c_str(), tree.get(), parent ? 1 : 0, parent ? parents : nullptr),
              "git_commit_create");
        head_ = id;
        ++commits_;
    }

    std::size_t commits() const { return commits_; }

private:
    void ensure_dir(const fs::path& d) {
        if (made_dirs_.count(d) != 0) return;
        fs::create_directories(d);
        made_dirs_.insert(d);
    }

    void write_file(const std::string& rel, const Entry& e) {
        const fs::path p = dir_ / rel;
        ensure_dir(p.parent_path());
        const bool existed = !written_.insert(rel).second;
        if (existed) {
            std::error_code ec;
            const auto st = fs::symlink_status(p, ec);
            if (fs::is_symlink(st) || e.mode == Mode::Symlink) fs::remove(p);
        }
        if (e.mode == Mode::Symlink) {
            fs::create_symlink(e.data, p);
            return;
        }
        const mode_t mode = e.mode == Mode::Executable ? 0755 : 0644;
        const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
        if (fd < 0) throw std::system_error(errno, std::generic_category(), "make-demo-repo: cannot create " + p.string());
        std::size_t done = 0;
        while (done < e.data.size()) {
            const ssize_t n = ::write(fd, e.data.data() + done, e.data.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                const int err = errno;
                ::close(fd);
                throw std::system_error(err, std::generic_category(), "make-demo-repo: cannot write " + p.string());
            }
            done += static_cast<std::size_t>(n);
        }
        // The umask may have removed bits from a new file, and an existing file keeps its old mode.
        if ((existed || e.mode == Mode::Executable) && ::fchmod(fd, mode) != 0) {
            const int err = errno;
            ::close(fd);
            throw std::system_error(err, std::generic_category(), "make-demo-repo: cannot chmod " + p.string());
        }
        if (::close(fd) != 0)
            throw std::system_error(errno, std::generic_category(), "make-demo-repo: cannot write " + p.string());
    }

    fs::path dir_;
    GitPtr<git_repository> repo_;
    GitPtr<git_index> index_;
    GitPtr<git_odb> odb_;
    git_odb_backend* mempack_ = nullptr;  // owned by odb_
    std::optional<git_oid> head_;
    std::size_t commits_ = 0;
    std::set<fs::path> made_dirs_;
    std::set<std::string> written_;
};

}  // namespace

DemoResult generate_demo_repo(const DemoOptions& opts) {
    if (opts.dir.empty()) throw std::invalid_argument("make-demo-repo: no directory given");
    if (opts.scale < 1) throw std::invalid_argument("make-demo-repo: scale must be >= 1");
    {
        std::error_code ec;
        if (fs::exists(opts.dir, ec) && !(fs::is_directory(opts.dir, ec) && fs::is_empty(opts.dir, ec)))
            throw std::runtime_error("make-demo-repo: " + opts.dir.string() + " exists and is not an empty directory");
    }

    std::mt19937 rng(20240101U);  // fixed seed; reduced with modulo only (portable across standard libraries)
    std::vector<CommitSpec> commits;
    std::vector<std::string> case_dirs;  // every test case directory, for padding

    // 1: base layout.
    {
        CommitSpec c{"Initial import: reference architectures, docs, AMI and container scripts\n\n"
                     "Numbered top-level directories: 0.docs, 1.architectures, 2.ami_and_containers.\n",
                     {}};
        put(c.changes, "README.md", kReadmePart1);
        put(c.changes, "LICENSE", kLicense);
        put(c.changes, "CONTRIBUTING.md", kContributing);
        put(c.changes, ".gitignore", kGitignore);
        add_docs(c.changes);
        add_architectures(c.changes);
        add_ami_and_containers(c.changes);
        commits.push_back(std::move(c));
    }
    // 2: PyTorch test cases (and the synthetic PyTorch cases for --scale).
    {
        CommitSpec c{"Add PyTorch test cases: FSDP, DeepSpeed, nanoVLM and torchtitan\n\n"
                     "FSDP sources the shared helpers through slurm/common.sh, a symlink into 1.architectures/0.common.\n",
                     {}};
        for (const auto& s : pytorch_specs()) {
            add_case(c.changes, s);
            case_dirs.push_back(path_of(s));
        }
        put(c.changes, "3.test_cases/pytorch/FSDP/slurm/common.sh", "../../../../1.architectures/0.common/common.sh",
            Mode::Symlink);
        for (int n = 2; n <= opts.scale; ++n) {
            const CaseSpec s = synthetic_spec("pytorch", n, rng);
            add_case(c.changes, s);
            case_dirs.push_back(path_of(s));
        }
        commits.push_back(std::move(c));
    }
    // 3: Megatron and JAX test cases.
    {
        CommitSpec c{"Add Megatron-LM, NeMo and PaxML test cases\n", {}};
        for (const auto& s : megatron_jax_specs()) {
            add_case(c.changes, s);
            case_dirs.push_back(path_of(s));
        }
        for (const char* fw : {"megatron", "jax"}) {
            for (int n = 2; n <= opts.scale; ++n) {
                const CaseSpec s = synthetic_spec(fw, n, rng);
                add_case(c.changes, s);
                case_dirs.push_back(path_of(s));
            }
        }
        put(c.changes, "3.test_cases/jax/paxml/assets/tokenizer.model", make_binary(2048, 7));
        commits.push_back(std::move(c));
    }
    // 4: validation, observability, micro-benchmarks; README gains the test case index.
    {
        CommitSpec c{"Add validation and observability tooling and micro-benchmarks\n\n"
                     "Also list the test cases in the top-level README.\n",
                     {}};
        add_validation(c.changes);
        put(c.changes, "README.md", std::string(kReadmePart1) + kReadmePart2);
        commits.push_back(std::move(c));
    }
    // 5: use cases and inference.
    {
        CommitSpec c{"Add BioNeMo and TRL use cases and a vLLM serving example\n", {}};
        for (const auto& s : use_case_specs()) {
            add_case(c.changes, s);
            case_dirs.push_back(path_of(s));
        }
        commits.push_back(std::move(c));
    }
    // 6: CI.
    {
        CommitSpec c{"CI: add GitHub workflows and CODEOWNERS\n", {}};
        add_github(c.changes);
        commits.push_back(std::move(c));
    }
    // 7: documentation pass: append to existing READMEs (so blame shows several commits).
    {
        CommitSpec c{"Docs: link use cases, absolute URLs and further reading\n", {}};
        put(c.changes, "README.md", std::string(kReadmePart1) + kReadmePart2 + kReadmePart3);
        CaseSpec fsdp = fsdp_spec();
        fsdp.extra_md += R"~(
## Troubleshooting

- `NCCL WARN NET/OFI` at start-up: check the EFA setup with the
  [GPU health checks](../../../4.validation_and_observability/2.gpu-cluster-healthcheck/README.md#what-is-checked).
- Out of memory: reduce `--global_batch_size` or enable activation checkpointing.
- Slow checkpoints: write to `/fsx`, see [shared storage](../../../1.architectures/2.aws-parallelcluster/README.md#shared-storage).
)~";
        add_case(c.changes, fsdp);
        // Keep only the README of the FSDP case in this commit (the rest is unchanged).
        for (auto it = c.changes.begin(); it != c.changes.end();) {
            if (it->first != "README.md" && it->first != "3.test_cases/pytorch/FSDP/README.md")
                it = c.changes.erase(it);
            else
                ++it;
        }
        Changes base;
        add_architectures(base);
        put(c.changes, "1.architectures/5.sagemaker-hyperpod/README.md",
            base["1.architectures/5.sagemaker-hyperpod/README.md"].data + R"~(
## Running test cases

Most test cases run unchanged on HyperPod, for example [FSDP](../../3.test_cases/pytorch/FSDP/README.md#running-on-slurm)
and [NeMo](../../3.test_cases/megatron/nemo/). Validate new clusters with the
[NCCL tests](../../4.validation_and_observability/0.nccl-tests/README.md) first.
)~");
        commits.push_back(std::move(c));
    }

    // Count the files of the final tree.
    std::set<std::string> paths;
    for (const auto& c : commits)
        for (const auto& [p, e] : c.changes) paths.insert(p);

    // 8 (optional): padding for benchmarks.
    if (opts.target_files > paths.size()) {
        CommitSpec c{"Add generated training configurations\n", {}};
        const std::size_t n = opts.target_files - paths.size();
        for (std::size_t i = 0; i < n; ++i) {
            const std::string& cd = case_dirs[i % case_dirs.size()];
            put(c.changes, fmt::format("{}/configs/cfg-{:05}.yaml", cd, i), padding_config(i, cd, rng));
        }
        for (const auto& [p, e] : c.changes) paths.insert(p);
        commits.push_back(std::move(c));
    }

    LibGit2Guard guard;
    RepoWriter writer(opts.dir);
    for (const auto& c : commits) writer.commit(c);
    writer.finish();
    return DemoResult{paths.size(), writer.commits()};
}

}  // namespace gitreorg::demo
