# The bot, with Debian's ffmpeg (libopus) for voice playback.
FROM node:20-bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src

ENV NODE_ENV=production \
    DATA_DIR=/data \
    FFMPEG_PATH=/usr/bin/ffmpeg \
    LOG_FORMAT=json
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
CMD ["npm", "start"]
